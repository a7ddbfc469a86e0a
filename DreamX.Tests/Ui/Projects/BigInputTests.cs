using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using DreamX.Domain.Projects;
using DreamX.Tests.Ui.Pages;
using DreamX.Tests.Ui.Support;
using DreamX.Web.Components.Pages.Projects;
using Microsoft.Playwright;
using Microsoft.EntityFrameworkCore;
using static Microsoft.Playwright.Assertions;

namespace DreamX.Tests.Ui.Projects;

/// <summary>
/// Ideas and scripts up to their advertised limits reach the server in any language, and a longer one gets the
/// form's own message (issue 18: text over ~16 KB used to vanish with the circuit's message-size limit).
/// </summary>
[Collection(UiCollection.Name)]
public sealed class BigInputTests(UiFixture ui) : UiTest(ui)
{
    private const string Sentence = "落魄千金林晚在婚礼当天被未婚夫背叛，三年后她带着神秘身份归来复仇。";

    [Fact]
    public async Task A_10000_character_chinese_idea_gets_the_forms_message_and_one_at_the_limit_is_saved_whole()
    {
        var page = await NewCreatorPageAsync("bigidea", "Big idea");
        var form = await new NewProjectPage(page).OpenAsync();
        var title = "长篇构想 " + Guid.NewGuid().ToString("N")[..6];

        await form.FillAsync(title, Chinese(10_000));
        await form.SubmitAsync();

        await Expect(form.Form).ToContainTextAsync($"at most {CheckpointRules.IdeaMaxLength} characters");
        await Expect(page).ToHaveURLAsync(new Regex("/projects/new$"));
        // Nothing was cut from the box, and its counter counts what the server has (it used to say 0 with a full box).
        Assert.Equal(10_000, (await page.Locator("textarea[data-testid='checkpoint-idea']").InputValueAsync()).Length);
        await Expect(form.Form).ToContainTextAsync($"10000 / {CheckpointRules.IdeaMaxLength}");
        await UiFixture.ScreenshotAsync(page, "projects-new-idea-too-long");

        var idea = Chinese(CheckpointRules.IdeaMaxLength);
        await form.FillAsync(title, idea);
        await form.CreateAsync();
        Assert.Equal(idea, await SavedIdeaAsync(title));
    }

    [Fact]
    public async Task A_20000_character_chinese_script_is_saved_intact()
    {
        var page = await NewCreatorPageAsync("bigscript", "Big script");
        var form = await new NewProjectPage(page).OpenAsync();
        await form.ChooseTypeAsync(nameof(ProjectType.ScriptBased));
        // The box takes a script's length once the form has switched to a script.
        await Expect(page.Locator("[data-testid='checkpoint-idea']")).ToHaveAttributeAsync("maxlength", $"{CheckpointForm.BoxMaxLength}");
        var title = "长剧本 " + Guid.NewGuid().ToString("N")[..6];
        var script = Script(CheckpointRules.ScriptMaxLength);

        // Pasted: the whole text arrives in one input event, as a paste does (typing 20,000 characters one by one
        // through the browser is not what is tested here).
        await form.FillAsync(title, "");
        await page.Locator("textarea[data-testid='checkpoint-idea']").EvaluateAsync(
            "(box, text) => { box.focus(); box.value = text; box.dispatchEvent(new Event('input', { bubbles: true })); }", script);
        await Expect(form.Form).ToContainTextAsync($"{script.Length} / {CheckpointRules.ScriptMaxLength}");
        await UiFixture.ScreenshotAsync(page, "projects-new-long-script");
        await form.CreateAsync();

        var saved = await SavedIdeaAsync(title);
        if (saved != script)
        {
            await File.WriteAllTextAsync(Path.Combine(DreamX.Tests.Support.TestEnvironment.ArtifactsDirectory, "big-script-expected.txt"), script);
            await File.WriteAllTextAsync(Path.Combine(DreamX.Tests.Support.TestEnvironment.ArtifactsDirectory, "big-script-saved.txt"), saved);
        }
        Assert.Equal(script.Length, saved.Length);
        Assert.Equal(script, saved);
    }

    [Fact]
    public async Task A_script_comes_from_a_txt_a_fountain_or_a_docx_file_and_other_files_are_refused_with_the_reason()
    {
        var page = await NewCreatorPageAsync("scriptfile", "Script file");
        var form = await new NewProjectPage(page).OpenAsync();
        await form.ChooseTypeAsync(nameof(ProjectType.ScriptBased));
        var box = page.Locator("textarea[data-testid='checkpoint-idea']");
        var message = page.Locator("[data-testid='checkpoint-script-file-message']");
        // MudFileUpload adds a fresh input after each pick: the last one is the live one.
        ILocator Upload() => page.Locator("[data-testid='checkpoint-form'] input[type=file]").Last;

        const string chinese = "1-1 医院走廊 夜 内\n△林娜推着药车走过走廊。\n林娜（紧张）：你到底在躲谁？\n陈默：你不认识的人。";
        await Upload().SetInputFilesAsync(new FilePayload { Name = "剧本.txt", MimeType = "text/plain", Buffer = Encoding.UTF8.GetBytes(chinese.Replace("\n", "\r\n")) });
        await Expect(message).ToContainTextAsync($"Loaded {chinese.Length} characters from 剧本.txt");
        await Expect(box).ToHaveValueAsync(chinese);
        // Only the script box is judged: the title, not reached yet, says nothing.
        await Expect(form.Form).Not.ToContainTextAsync("Give the project a title.");

        const string fountain = "INT. LIGHTHOUSE - NIGHT\n\nMARA climbs the stairs with a lantern.\n\nMARA\nWho keeps ringing the bell?";
        await Upload().SetInputFilesAsync(new FilePayload { Name = "pilot.fountain", MimeType = "application/octet-stream", Buffer = Encoding.UTF8.GetBytes(fountain) });
        await Expect(message).ToContainTextAsync($"Loaded {fountain.Length} characters from pilot.fountain");
        await Expect(box).ToHaveValueAsync(fountain);

        await Upload().SetInputFilesAsync(new FilePayload
        {
            Name = "第一集.docx",
            MimeType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            Buffer = Docx("1-1 医院走廊 夜 内", "△林娜推着药车走过走廊。", "林娜（紧张）：你到底在躲谁？", "陈默：你不认识的人。"),
        });
        await Expect(message).ToContainTextAsync($"Loaded {chinese.Length} characters from 第一集.docx");
        await Expect(box).ToHaveValueAsync(chinese);
        await UiFixture.ScreenshotAsync(page, "projects-new-script-file");

        // Refused files leave the box as it was.
        await Upload().SetInputFilesAsync(new FilePayload { Name = "script.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.7"u8.ToArray() });
        await Expect(message).ToHaveTextAsync("Choose a .txt, .fountain or .docx file.");
        await Upload().SetInputFilesAsync(new FilePayload { Name = "broken.docx", MimeType = "application/octet-stream", Buffer = "not a zip"u8.ToArray() });
        await Expect(message).ToHaveTextAsync("This file could not be read as a script.");
        var novel = string.Concat(Enumerable.Repeat("林娜：天亮之前，他们会来。", 5000));
        await Upload().SetInputFilesAsync(new FilePayload { Name = "novel.txt", MimeType = "text/plain", Buffer = Encoding.UTF8.GetBytes(novel) });
        await Expect(message).ToContainTextAsync($"This file holds {novel.Length} characters; a script has at most {CheckpointRules.ScriptMaxLength}.");
        await Expect(box).ToHaveValueAsync(chinese);
        await UiFixture.ScreenshotAsync(page, "projects-new-script-file-refused");

        // What the file gave is what the project keeps.
        var title = "上传剧本 " + Guid.NewGuid().ToString("N")[..6];
        await page.Locator("input[data-testid='checkpoint-title']").FillAsync(title);
        await form.CreateAsync();
        Assert.Equal(chinese, await SavedIdeaAsync(title));
    }

    private static byte[] Docx(params string[] paragraphs)
    {
        using var file = new MemoryStream();
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var writer = new StreamWriter(zip.CreateEntry("word/document.xml").Open(), new UTF8Encoding(false));
            var body = string.Concat(paragraphs.Select(p => $"<w:p><w:r><w:t xml:space=\"preserve\">{System.Security.SecurityElement.Escape(p)}</w:t></w:r></w:p>"));
            writer.Write($"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}<w:sectPr/></w:body></w:document>");
        }
        return file.ToArray();
    }

    private async Task<string> SavedIdeaAsync(string title)
    {
        await using var db = Ui.App.Database.CreateContext();
        return (await db.Projects.AsNoTracking().Include(p => p.Checkpoint).SingleAsync(p => p.Title == title)).Checkpoint.Idea;
    }

    private static string Chinese(int length) => string.Concat(Enumerable.Repeat(Sentence, length / Sentence.Length + 1))[..length];

    /// <summary>Scenes of a script, line after line, cut at <paramref name="length"/> characters (ending on a character, not a break).</summary>
    private static string Script(int length)
    {
        var lines = Enumerable.Range(1, 2000).SelectMany(n => new[] { $"{n}-1 医院走廊 夜 内", "△林娜推着药车走过走廊，病房里的灯忽明忽暗。", "林娜（紧张）：你到底在躲谁？", "陈默：你不认识的人。" });
        var text = string.Join("\n", lines)[..length];
        return text.EndsWith('\n') ? text[..^1] + "。" : text;
    }
}
