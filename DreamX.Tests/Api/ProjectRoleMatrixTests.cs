using System.Net;
using System.Net.Http.Json;
using DreamX.Infrastructure.Projects;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DreamX.Tests.Api;

/// <summary>
/// Who may do what with a project, through the real services on PostgreSQL: owner, editor, viewer, a stranger and an
/// admin, each trying to read, generate, edit, delete and share. Every refusal comes from the service, not a hidden button.
/// </summary>
public sealed class ProjectRoleMatrixTests(ApiApp app) : IClassFixture<ApiApp>
{
    public enum Who { Owner, Editor, Viewer, Stranger, Admin }

    public enum Action { Read, Generate, Edit, Delete, Share }

    /// <summary>The expected answer: allowed, forbidden (403: the caller may know the project) or not found (404).</summary>
    public static TheoryData<Who, Action, HttpStatusCode> Matrix()
    {
        var data = new TheoryData<Who, Action, HttpStatusCode>();
        var allowed = new Dictionary<Who, Action[]>
        {
            [Who.Owner] = [Action.Read, Action.Generate, Action.Edit, Action.Delete, Action.Share],
            [Who.Editor] = [Action.Read, Action.Generate, Action.Edit],
            [Who.Viewer] = [Action.Read],
            [Who.Stranger] = [],
            [Who.Admin] = [Action.Read, Action.Edit, Action.Delete],
        };
        foreach (var (who, actions) in allowed)
            foreach (var action in Enum.GetValues<Action>())
                data.Add(who, action, actions.Contains(action) ? HttpStatusCode.OK : who == Who.Stranger ? HttpStatusCode.NotFound : HttpStatusCode.Forbidden);
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_role_may_do_exactly_what_the_matrix_says(Who who, Action action, HttpStatusCode expected)
    {
        var owner = await app.CreateUserAsync();
        var projectId = (await owner.Client.CreateProjectAsync()).Id();
        var caller = who switch
        {
            Who.Owner => owner,
            Who.Admin => await app.CreateUserAsync(admin: true),
            _ => await app.CreateUserAsync(),
        };
        if (who is Who.Editor or Who.Viewer)
            Assert.True((await Members().InviteAsync(owner.Id, projectId, caller.Email.ToUpperInvariant(), who == Who.Editor ? ProjectRole.Editor : ProjectRole.Viewer)).IsSuccess);
        var callerBalance = await BalanceAsync(caller.Id);

        var status = await TryAsync(caller, projectId, action);

        Assert.Equal(expected, status);
        await using var db = app.Database.CreateContext();
        var project = await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == projectId);
        var tasks = await db.GenerationTasks.AsNoTracking().Where(t => t.ProjectId == projectId).ToListAsync();
        switch (action)
        {
            case Action.Generate when expected == HttpStatusCode.OK:
                // The editor's work is the owner's: queued on the owner's account, held from the owner's wallet.
                var task = Assert.Single(tasks);
                Assert.Equal(owner.Id, task.OwnerId);
                var entries = await db.CreditLedger.AsNoTracking().Where(e => e.TaskId == task.Id).ToListAsync();
                Assert.NotEmpty(entries);
                Assert.All(entries, e => Assert.Equal(owner.Id, e.UserId));
                if (who != Who.Owner)
                    Assert.Equal(callerBalance, await BalanceAsync(caller.Id));
                break;
            case Action.Generate:
                Assert.Empty(tasks);
                break;
            case Action.Edit:
                Assert.Equal(expected == HttpStatusCode.OK ? "Renamed together" : "The Lighthouse Keeper", project!.Title);
                break;
            case Action.Delete:
                Assert.Equal(expected == HttpStatusCode.OK, project is null);
                break;
            case Action.Share:
                Assert.Equal(expected == HttpStatusCode.OK ? 1 : 0, await db.Set<ProjectShareLink>().CountAsync(l => l.ProjectId == projectId));
                break;
        }
    }

    [Fact]
    public async Task An_editor_spends_within_the_projects_budget_cap_and_only_the_owner_changes_it()
    {
        var owner = await app.CreateUserAsync();
        var editor = await app.CreateUserAsync();
        var projectId = (await owner.Client.CreateProjectAsync()).Id();
        Assert.True((await Members().InviteAsync(owner.Id, projectId, editor.Email, ProjectRole.Editor)).IsSuccess);

        using var raise = await editor.Client.PatchAsJsonAsync($"/api/v1/projects/{projectId}", new { budgetCapCredits = 100000 });
        Assert.Equal(HttpStatusCode.Forbidden, raise.StatusCode);
        using var cap = await owner.Client.PatchAsJsonAsync($"/api/v1/projects/{projectId}", new { budgetCapCredits = 1 });
        Assert.Equal(HttpStatusCode.OK, cap.StatusCode);

        using var generate = await editor.Client.PostAsync($"/api/v1/projects/{projectId}/canvas/story-bible", null);

        Assert.False(generate.IsSuccessStatusCode, await generate.Content.ReadAsStringAsync());
        Assert.Contains("budget", await generate.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Members_are_changed_and_removed_by_the_owner_and_access_ends_at_once()
    {
        var owner = await app.CreateUserAsync();
        var member = await app.CreateUserAsync();
        var projectId = (await owner.Client.CreateProjectAsync()).Id();
        var members = Members();

        Assert.Equal(ProjectMembers.UnknownUser, (await members.InviteAsync(owner.Id, projectId, "nobody-here@dreamx.test", ProjectRole.Viewer)).Error);
        Assert.Equal(ProjectMembers.IsOwner, (await members.InviteAsync(owner.Id, projectId, owner.Email, ProjectRole.Editor)).Error);
        Assert.Equal(ProjectMembers.InvalidRole, (await members.InviteAsync(owner.Id, projectId, member.Email, ProjectRole.Owner)).Error);
        Assert.True((await members.InviteAsync(owner.Id, projectId, member.Email, ProjectRole.Viewer)).IsSuccess);
        // The member lists the project among theirs, and may not invite others.
        var listed = await member.Client.GetJsonAsync("/api/v1/projects");
        Assert.Contains(listed.GetProperty("items").EnumerateArray(), p => p.Id() == projectId);
        Assert.Equal(ProjectAccess.Forbidden, (await members.InviteAsync(member.Id, projectId, owner.Email, ProjectRole.Editor)).Error);

        using (var refused = await member.Client.PostAsync($"/api/v1/projects/{projectId}/canvas/story-bible", null))
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.True((await members.ChangeRoleAsync(owner.Id, projectId, member.Id, ProjectRole.Editor)).IsSuccess);
        using (var allowed = await member.Client.PostAsync($"/api/v1/projects/{projectId}/canvas/story-bible", null))
            Assert.Equal(HttpStatusCode.Accepted, allowed.StatusCode);
        var list = await members.ListAsync(owner.Id, projectId);
        Assert.Equal(ProjectRole.Editor, Assert.Single(list.Value).Role);

        Assert.True((await members.RemoveAsync(owner.Id, projectId, member.Id)).IsSuccess);
        using var gone = await member.Client.GetAsync($"/api/v1/projects/{projectId}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task A_share_link_opens_until_it_expires_or_is_revoked()
    {
        var owner = await app.CreateUserAsync();
        var projectId = (await owner.Client.CreateProjectAsync()).Id();
        var members = Members();

        var link = await members.CreateLinkAsync(owner.Id, projectId, null);
        Assert.True(link.IsSuccess, link.Error);
        var shared = await members.OpenSharedAsync(link.Value.Token);
        Assert.True(shared.IsSuccess, shared.Error);
        Assert.Equal("The Lighthouse Keeper", shared.Value.Title);
        Assert.Equal(ProjectMembers.LinkNotFound, (await members.OpenSharedAsync(link.Value.Token + "x")).Error);
        Assert.Equal(ProjectMembers.InvalidExpiry, (await members.CreateLinkAsync(owner.Id, projectId, TimeSpan.FromDays(400))).Error);

        Assert.True((await members.RevokeLinkAsync(owner.Id, projectId, link.Value.Id)).IsSuccess);
        Assert.Equal(ProjectMembers.LinkNotFound, (await members.OpenSharedAsync(link.Value.Token)).Error);

        // An expired link: made to last a moment, read after it.
        var brief = await members.CreateLinkAsync(owner.Id, projectId, TimeSpan.FromMilliseconds(1));
        await using (var db = app.Database.CreateContext())
            await db.Set<ProjectShareLink>().Where(l => l.Id == brief.Value.Id).ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, DateTimeOffset.UtcNow.AddMinutes(-1)));
        Assert.Equal(ProjectMembers.LinkNotFound, (await members.OpenSharedAsync(brief.Value.Token)).Error);
        var links = await members.ListLinksAsync(owner.Id, projectId);
        Assert.All(links.Value, l => Assert.False(l.IsActive));
    }

    private ProjectMembers Members() => app.Services.CreateScope().ServiceProvider.GetRequiredService<ProjectMembers>();

    private async Task<long> BalanceAsync(string userId)
    {
        await using var db = app.Database.CreateContext();
        return await db.CreditWallets.Where(w => w.UserId == userId).Select(w => (long)w.Balance).FirstOrDefaultAsync();
    }

    private async Task<HttpStatusCode> TryAsync(ApiTestUser caller, Guid projectId, Action action)
    {
        switch (action)
        {
            case Action.Read:
                using (var read = await caller.Client.GetAsync($"/api/v1/projects/{projectId}"))
                    return read.StatusCode;
            case Action.Generate:
                using (var generate = await caller.Client.PostAsync($"/api/v1/projects/{projectId}/canvas/story-bible", null))
                    return generate.StatusCode == HttpStatusCode.Accepted ? HttpStatusCode.OK : generate.StatusCode;
            case Action.Edit:
                using (var edit = await caller.Client.PatchAsJsonAsync($"/api/v1/projects/{projectId}", new { title = "Renamed together" }))
                    return edit.StatusCode;
            case Action.Delete:
                using (var delete = await caller.Client.DeleteAsync($"/api/v1/projects/{projectId}"))
                    return delete.StatusCode == HttpStatusCode.NoContent ? HttpStatusCode.OK : delete.StatusCode;
            default:
                var shared = await Members().CreateLinkAsync(caller.Id, projectId, TimeSpan.FromDays(7));
                return shared.IsSuccess ? HttpStatusCode.OK
                    : shared.Error == ProjectAccess.Forbidden ? HttpStatusCode.Forbidden
                    : shared.Error == ProjectLibrary.NotFound ? HttpStatusCode.NotFound : HttpStatusCode.InternalServerError;
        }
    }
}
