using System.IO.Compression;
using System.Text;
using DreamX.Infrastructure.Projects;

namespace DreamX.Tests.Infrastructure.Projects;

/// <summary>Uploaded scripts: plain text, Fountain and Word files give their text; anything else says why not.</summary>
public sealed class ScriptFilesTests
{
    private const string Script = "1-1 医院走廊 夜 内\n△林娜推着药车走过走廊。\n林娜（紧张）：你到底在躲谁？\n\n陈默：\t你不认识的人。";

    [Theory]
    [InlineData("script.txt")]
    [InlineData("SCRIPT.FOUNTAIN")]
    public async Task A_utf8_text_file_is_read_whole(string name)
    {
        var text = await ReadAsync(Encoding.UTF8.GetBytes(Script.Replace("\n", "\r\n")), name);

        Assert.Equal(Script, text);
    }

    [Fact]
    public async Task A_gb18030_text_file_from_a_chinese_editor_is_read_too()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

        Assert.Equal(Script, await ReadAsync(Encoding.GetEncoding("GB18030").GetBytes(Script), "剧本.txt"));
    }

    [Fact]
    public async Task A_word_document_gives_its_paragraphs_one_per_line()
    {
        var text = await ReadAsync(Docx(
            """<w:p><w:r><w:t>1-1 医院走廊 夜 内</w:t></w:r></w:p>""",
            """<w:p><w:r><w:t>△林娜推着</w:t></w:r><w:r><w:t xml:space="preserve">药车走过走廊。</w:t></w:r></w:p>""",
            """<w:p><w:r><w:t>林娜（紧张）：</w:t></w:r><w:r><w:t>你到底在躲谁？</w:t></w:r></w:p>""",
            """<w:p/>""",
            """<w:p><w:r><w:t>陈默：</w:t><w:tab/><w:t>你不认识的人。</w:t></w:r></w:p>"""), "script.docx");

        Assert.Equal(Script, text);
    }

    [Fact]
    public async Task A_20000_character_script_survives_the_round_trip()
    {
        var longScript = string.Concat(Enumerable.Repeat("林娜：天亮之前，他们会来。\n", 1500))[..20_000].Trim();

        Assert.Equal(longScript, await ReadAsync(Encoding.UTF8.GetBytes(longScript), "long.txt"));
    }

    [Theory]
    [InlineData("script.pdf", ScriptFiles.Unsupported)]
    [InlineData("script", ScriptFiles.Unsupported)]
    [InlineData("broken.docx", ScriptFiles.Unreadable)]
    public async Task What_cannot_be_read_is_refused_with_its_reason(string name, string error)
    {
        await using var content = new MemoryStream("not a zip"u8.ToArray());

        var result = await ScriptFiles.ReadAsync(content, name, content.Length);

        Assert.Equal(error, result.Error);
    }

    [Fact]
    public async Task A_file_over_the_size_limit_is_refused_before_it_is_read()
    {
        await using var content = new MemoryStream();

        Assert.Equal(ScriptFiles.TooLarge, (await ScriptFiles.ReadAsync(content, "huge.txt", ScriptFiles.MaxBytes + 1)).Error);
    }

    private static async Task<string> ReadAsync(byte[] bytes, string name)
    {
        await using var content = new MemoryStream(bytes);
        var result = await ScriptFiles.ReadAsync(content, name, bytes.Length);
        Assert.True(result.IsSuccess, result.Error);
        return result.Value;
    }

    private static byte[] Docx(params string[] paragraphs)
    {
        using var file = new MemoryStream();
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("word/document.xml").Open(), new UTF8Encoding(false));
            writer.Write($"""
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{string.Concat(paragraphs)}<w:sectPr/></w:body></w:document>
                """);
        }
        return file.ToArray();
    }
}
