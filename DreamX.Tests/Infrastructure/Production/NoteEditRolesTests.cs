using DreamX.Domain.Generation;
using DreamX.Domain.Projects;
using DreamX.Infrastructure.Identity;
using DreamX.Infrastructure.Persistence;
using DreamX.Infrastructure.Production;
using DreamX.Infrastructure.Projects;
using DreamX.Tests.Ui.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DreamX.Tests.Infrastructure.Production;

/// <summary>A note's hand edits ask the project's roles like every other edit: owner and editor edit, a viewer is refused.</summary>
public sealed class NoteEditRolesTests(StudioApp app) : IClassFixture<StudioApp>
{
    [Fact]
    public async Task Owner_and_editor_edit_a_note_a_viewer_is_refused_and_a_stranger_is_not_told()
    {
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var accounts = services.GetRequiredService<UserAccounts>();
        async Task<(string Id, string Email)> UserAsync(string who)
        {
            var email = $"{who}-{Guid.NewGuid():N}@example.com";
            return ((await accounts.RegisterAsync(email, "note-roles-1", who)).Value.Id, email);
        }
        var owner = await UserAsync("owner");
        var editor = await UserAsync("editor");
        var viewer = await UserAsync("viewer");
        var stranger = await UserAsync("stranger");
        await services.GetRequiredService<DreamX.Domain.Credits.ICreditLedger>()
            .PostAsync(owner.Id, DreamX.Domain.Credits.CreditEntryKind.Purchased, 500, $"grant-{owner.Id}", "test credits");
        var project = (await services.GetRequiredService<ProjectLibrary>().CreateAsync(owner.Id, new CheckpointInput
        {
            Title = "Note roles " + Guid.NewGuid().ToString("N")[..6], Type = ProjectType.RedbookNote, Language = "en-US",
            Idea = "Three cheap ways to make a rented room feel like home", NotePageCount = 2, NoteTone = "friendly",
        })).Value;
        var members = services.GetRequiredService<ProjectMembers>();
        Assert.True((await members.InviteAsync(owner.Id, project.Id, editor.Email, ProjectRole.Editor)).IsSuccess);
        Assert.True((await members.InviteAsync(owner.Id, project.Id, viewer.Email, ProjectRole.Viewer)).IsSuccess);

        var queued = await services.GetRequiredService<StageProduction>().GenerateAsync(owner.Id, project.Id, ProductionStep.NoteOutline);
        Assert.True(queued.IsSuccess, queued.Error);
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            await using var db = app.Database.CreateContext();
            var status = await db.GenerationTasks.AsNoTracking().Where(t => t.ProjectId == project.Id).Select(t => t.Status).SingleAsync();
            Assert.NotEqual(GenerationTaskStatus.Failed, status);
            if (status == GenerationTaskStatus.Succeeded)
                break;
            Assert.True(DateTime.UtcNow < deadline, "the outline was not written");
            await Task.Delay(100);
        }

        var edits = services.GetRequiredService<NoteEdits>();
        Assert.True((await edits.EditOutlineAsync(editor.Id, project.Id, "Home in a weekend", ["Light", "Plants"])).IsSuccess);
        Assert.True((await edits.EditOutlineAsync(owner.Id, project.Id, "Home in two days", ["Light", "Plants"])).IsSuccess);
        Assert.Equal(ProjectAccess.Forbidden, (await edits.EditOutlineAsync(viewer.Id, project.Id, "Nope", ["a", "b"])).Error);
        Assert.Equal(NoteEdits.NotFound, (await edits.EditOutlineAsync(stranger.Id, project.Id, "Nope", ["a", "b"])).Error);
        await using (var db = app.Database.CreateContext())
            Assert.Equal("Home in two days", (await db.Notes.AsNoTracking().SingleAsync(n => n.ProjectId == project.Id)).Hook);

        // Every member may export the note as they may download renders (here: not yet, its pages are not drawn); a
        // stranger is not told it exists.
        var export = services.GetRequiredService<DreamX.Infrastructure.Media.Notes.NoteExport>();
        foreach (var member in new[] { owner.Id, editor.Id, viewer.Id })
            Assert.Contains((await export.ExportAsync(member, project.Id)).Error,
                new[] { DreamX.Infrastructure.Media.Notes.NoteExport.NoPages, DreamX.Infrastructure.Media.Notes.NoteExport.Incomplete });
        Assert.Equal(DreamX.Infrastructure.Media.Notes.NoteExport.NotFound, (await export.ExportAsync(stranger.Id, project.Id)).Error);
    }
}
