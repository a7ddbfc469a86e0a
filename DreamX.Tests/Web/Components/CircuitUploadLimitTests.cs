using System.Security.Claims;
using Bunit;
using DreamX.Domain.Assets;
using DreamX.Domain.Projects;
using DreamX.Web.Components.Pages.Admin;
using DreamX.Web.Components.Pages.Projects;
using DreamX.Web.Hosting;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;

namespace DreamX.Tests.Web.Components;

/// <summary>
/// Files sent over a circuit are rate limited per user (issue 17): past the configured number an upload is refused
/// with a message that names the wait, and the file is neither read into the form nor kept.
/// </summary>
public sealed class CircuitUploadLimitTests : StudioComponentTest
{
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    public CircuitUploadLimitTests()
        : base(services => services
            .Configure<RateLimitOptions>(o => o.Upload = new RateLimitRule { PermitLimit = 1, Window = TimeSpan.FromMinutes(1) })
            .AddScoped<AuthenticationStateProvider, SignedIn>())
    {
    }

    [Fact]
    public void A_script_file_past_the_limit_is_refused_with_the_wait_and_leaves_the_box_as_it_was()
    {
        RenderPopovers();
        var model = new CheckpointModel { Type = ProjectType.ScriptBased };
        var form = Render<CheckpointForm>(parameters => parameters
            .Add(p => p.Model, model)
            .Add(p => p.Styles, [])
            .Add(p => p.SubmitLabel, "Create project"));

        form.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("INT. HARBOUR - NIGHT\nA ferry waits.", "first.txt"));
        form.WaitForAssertion(() => Assert.Contains("first.txt", form.Find("[data-testid='checkpoint-script-file-message']").TextContent), TimeSpan.FromSeconds(30));
        var loaded = model.Idea;

        form.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("INT. LIGHTHOUSE - DAY\nNobody.", "second.txt"));

        form.WaitForAssertion(() => AssertRefusal(form.Find("[data-testid='checkpoint-script-file-message']").TextContent), TimeSpan.FromSeconds(30));
        Assert.Equal(loaded, model.Idea);
        Assert.DoesNotContain("LIGHTHOUSE", model.Idea);
    }

    [Fact]
    public void An_admin_media_file_past_the_limit_is_refused_with_the_wait_and_not_kept()
    {
        var kept = new List<MediaUpload?>();
        var picker = Render<MediaPicker>(parameters => parameters
            .Add(p => p.Rule, CatalogMediaRule.Image)
            .Add(p => p.Preview, MediaPreview.Image)
            .Add(p => p.TestId, "cover")
            .Add(p => p.UploadChanged, upload => kept.Add(upload)));

        picker.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(Png, "first.png", contentType: "image/png"));
        picker.WaitForAssertion(() => Assert.Single(kept), TimeSpan.FromSeconds(30));
        picker.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(Png, "second.png", contentType: "image/png"));

        picker.WaitForAssertion(() => AssertRefusal(picker.Find("[data-testid='cover-error']").TextContent), TimeSpan.FromSeconds(30));
        Assert.Equal("first.png", Assert.Single(kept)!.FileName);
    }

    private static void AssertRefusal(string text)
    {
        var match = System.Text.RegularExpressions.Regex.Match(text, @"Too many uploads — try again in (\d+) s\. The file was not stored\.");
        Assert.True(match.Success, text);
        Assert.InRange(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), 1, 60);
    }

    /// <summary>A signed-in creator: the limit counts per user.</summary>
    private sealed class SignedIn : AuthenticationStateProvider
    {
        private readonly AuthenticationState _state = new(new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, "creator-" + Guid.NewGuid().ToString("N"))], "test")));

        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(_state);
    }
}
