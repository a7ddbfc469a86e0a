using System.IO.Compression;
using System.Text;
using System.Xml;
using DreamX.Domain.Common;

namespace DreamX.Infrastructure.Projects;

/// <summary>
/// Reads the text of an uploaded script: plain text or Fountain (UTF-8, or GB18030 as Chinese editors often save),
/// or a Word document (.docx: the paragraphs of word/document.xml, one per line). The text is checked against the
/// form's limits like a pasted one; here only what cannot be read at all is refused.
/// </summary>
public static class ScriptFiles
{
    public const string Unsupported = "script_file.unsupported";
    public const string TooLarge = "script_file.too_large";
    public const string Unreadable = "script_file.unreadable";

    /// <summary>Larger files are refused before reading (a .docx with pictures can be large; its text is not).</summary>
    public const long MaxBytes = 10 * 1024 * 1024;

    /// <summary>
    /// A Word file's document.xml is read up to this many characters (a script's is a few MB at most): a small .docx
    /// that unpacks to gigabytes is refused as unreadable instead of filling the memory.
    /// </summary>
    private const long MaxDocumentXmlCharacters = 32 * 1024 * 1024;

    public static readonly IReadOnlyList<string> Extensions = [".txt", ".fountain", ".docx"];

    private const string WordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    static ScriptFiles() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static async Task<Result<string>> ReadAsync(Stream content, string fileName, long size, CancellationToken ct = default)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (!Extensions.Contains(extension))
            return Result.Failure<string>(Unsupported);
        if (size > MaxBytes)
            return Result.Failure<string>(TooLarge);

        // Browser streams are read asynchronously; a copy lets the zip reader seek.
        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, ct);
        buffer.Position = 0;
        try
        {
            var text = extension == ".docx" ? ReadDocx(buffer) : ReadText(buffer.ToArray());
            return Normalize(text);
        }
        catch (Exception exception) when (exception is InvalidDataException or XmlException or IOException)
        {
            return Result.Failure<string>(Unreadable);
        }
    }

    private static string ReadText(byte[] bytes)
    {
        if (bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble))
            return Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        if (bytes.Length >= 2 && bytes[0] == 0xFF && bytes[1] == 0xFE)
            return Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2);
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding("GB18030").GetString(bytes);
        }
    }

    /// <summary>The document's paragraphs in order, each on its line; tabs and line breaks inside them are kept.</summary>
    private static string ReadDocx(Stream stream)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read);
        var entry = zip.GetEntry("word/document.xml") ?? throw new InvalidDataException("not a Word document");
        using var xml = XmlReader.Create(entry.Open(), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = MaxDocumentXmlCharacters });
        var text = new StringBuilder();
        var more = xml.Read();
        while (more)
        {
            if (xml.NodeType == XmlNodeType.Element && xml.NamespaceURI == WordNamespace && xml.LocalName == "t")
            {
                // Leaves the reader on the node after </w:t>, which the loop looks at next.
                text.Append(xml.ReadElementContentAsString());
                more = !xml.EOF;
                continue;
            }
            if (xml.NamespaceURI == WordNamespace)
            {
                if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "tab")
                    text.Append('\t');
                else if (xml.NodeType == XmlNodeType.Element && (xml.LocalName is "br" or "cr" || (xml.LocalName == "p" && xml.IsEmptyElement)))
                    text.Append('\n');
                else if (xml.NodeType == XmlNodeType.EndElement && xml.LocalName == "p")
                    text.Append('\n');
            }
            more = xml.Read();
        }
        return text.ToString();
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n").Replace('\r', '\n').Trim();
}
