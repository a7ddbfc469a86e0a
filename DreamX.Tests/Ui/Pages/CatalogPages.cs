using Microsoft.Playwright;

namespace DreamX.Tests.Ui.Pages;

/// <summary>One of the admin catalogue lists (<c>/admin/styles</c>, <c>/admin/voices</c>, <c>/admin/showcases</c>, <c>/admin/music</c>) and its editor dialog.</summary>
public sealed class CatalogAdminPage(IPage page, string path, string prefix) : StudioPage(page)
{
    public static CatalogAdminPage Styles(IPage page) => new(page, "/admin/styles", "style");

    public static CatalogAdminPage Voices(IPage page) => new(page, "/admin/voices", "voice");

    public static CatalogAdminPage Showcases(IPage page) => new(page, "/admin/showcases", "showcase");

    public static CatalogAdminPage Music(IPage page) => new(page, "/admin/music", "track");

    public string Path { get; } = path;

    public ILocator Table => TestId($"{prefix}s-table");

    public ILocator Editor => TestId($"{prefix}-editor");

    public ILocator EditorError => TestId("editor-error");

    public async Task<CatalogAdminPage> OpenAsync()
    {
        await Page.GotoAsync(Path);
        await WaitForInteractiveAsync();
        return this;
    }

    /// <summary>The table row showing <paramref name="text"/>.</summary>
    public ILocator Row(string text) => Table.Locator("tbody tr", new LocatorLocatorOptions { HasText = text });

    public async Task OpenNewEditorAsync()
    {
        await TestId($"{prefix}-new").ClickAsync();
        await Editor.WaitForAsync();
    }

    /// <summary>A text field of the editor; multi-line MudTextFields put the data-testid on the textarea itself.</summary>
    public ILocator Field(string name)
    {
        var id = $"{prefix}-{name}";
        return Page.Locator($"[data-testid='{id}'] input, input[data-testid='{id}'], [data-testid='{id}'] textarea, textarea[data-testid='{id}']").First;
    }

    public Task FillAsync(string name, string value) => Field(name).FillAsync(value);

    /// <summary>Picks a file in the editor's upload field named <paramref name="name"/> (e.g. "sample", "cover").</summary>
    public Task PickFileAsync(string name, string fileName, string mimeType, byte[] content) =>
        Page.Locator($"[data-testid='{prefix}-{name}-input']").SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = mimeType, Buffer = content });

    public ILocator UploadReady(string name) => TestId($"{prefix}-{name}-ready");

    public ILocator UploadError(string name) => TestId($"{prefix}-{name}-error");

    public Task SaveAsync() => TestId("editor-save").ClickAsync();

    /// <summary>Clicks delete on the row showing <paramref name="text"/> and confirms in the message box.</summary>
    public async Task DeleteAsync(string text, string confirmLabel = "Delete")
    {
        await Row(text).Locator($"[data-testid='{prefix}-delete']").ClickAsync();
        await Page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = confirmLabel }).ClickAsync();
    }
}

/// <summary>The public gallery at <c>/showcase</c>.</summary>
public sealed class GalleryPage(IPage page) : StudioPage(page)
{
    public async Task<GalleryPage> OpenAsync()
    {
        await Page.GotoAsync("/showcase");
        await WaitForInteractiveAsync();
        return this;
    }

    public ILocator Cards => TestId("gallery-card");

    public ILocator CardTitles => TestId("gallery-card-title");

    public ILocator Card(string title) => Cards.Filter(new LocatorFilterOptions { HasText = title });

    public ILocator Player => TestId("gallery-player");
}
