using Bunit;
using DreamX.Domain.Canvas;
using DreamX.Domain.Characters;
using DreamX.Domain.Scripts;
using DreamX.Domain.Stories;
using DreamX.Infrastructure.Assets;
using DreamX.Infrastructure.Characters;
using DreamX.Infrastructure.Persistence;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using DreamX.Infrastructure.Production;
using DreamX.Infrastructure.Storage;
using Microsoft.AspNetCore.DataProtection;
using DreamX.Tests.Support;
using DreamX.Web.Canvas.Core.Models;
using DreamX.Web.Canvas.ProjectGraph;
using DreamX.Web.Components.Pages.Projects.Canvas;
using DreamX.Infrastructure.Providers.Builtin;
using Microsoft.Extensions.DependencyInjection;

namespace DreamX.Tests.Web.Components.Canvas;

[Collection(DatabaseCollection.Name)]
public sealed class CanvasNodeWorkTests(PostgresDatabase database)
    : StudioComponentTest(services => services
        .AddSingleton(new NodeEdits(database.ContextFactory, TimeProvider.System))
        .AddSingleton(new MusicTrackCatalog(database.ContextFactory, new CatalogMediaStore(new LocalFileObjectStorage(
            Path.Combine(Path.GetTempPath(), "dreamx-unused"), new MediaUrlSigner(new EphemeralDataProtectionProvider(), TimeProvider.System)), TimeProvider.System)))
        .AddSingleton(new CharacterReferences(database.ContextFactory, UnusedStorage, TimeProvider.System, NullLogger<CharacterReferences>.Instance))
        .AddSingleton(new MediaUrls(UnusedStorage, new ProjectOwnerLookup(database.ContextFactory), Options.Create(new ObjectStorageOptions())))
        .AddSingleton(new EpisodeTranslations(database.ContextFactory, new BuiltinTextProvider(), new EspeakSpeechProvider(), UnusedStorage,
            TimeProvider.System, NullLogger<EpisodeTranslations>.Instance)))
{
    private static readonly LocalFileObjectStorage UnusedStorage = new(
        Path.Combine(Path.GetTempPath(), "dreamx-unused"), new MediaUrlSigner(new EphemeralDataProtectionProvider(), TimeProvider.System));

    public static TheoryData<string, string> FormOfKind => new()
    {
        { ProjectNodeKinds.StoryBible, "bible-form" },
        { ProjectNodeKinds.Character, "character-form" },
        { ProjectNodeKinds.Scene, "scene-form" },
        { ProjectNodeKinds.Segment, "shot-form" },
        { ProjectNodeKinds.Compose, "compose-form" },
    };

    [Theory]
    [MemberData(nameof(FormOfKind))]
    public void Each_kind_of_node_gets_its_own_edit_form(string kind, string form)
    {
        RenderPopovers();

        var work = RenderWork(NodeOf(kind));

        Assert.Single(work.FindAll($"[data-testid='{form}']"));
        Assert.Single(work.FindAll("form, [data-testid$='-form']"));
    }

    [Fact]
    public async Task A_character_without_a_name_is_not_saved_and_says_the_name_is_required()
    {
        RenderPopovers();
        var work = RenderWork(NodeOf(ProjectNodeKinds.Character));

        await work.Find("input[data-testid='character-name']").ChangeAsync(new() { Value = "" });
        await work.Find("[data-testid='node-form-save']").ClickAsync(new());

        Assert.Contains("Required", work.Find("[data-testid='character-form']").TextContent);
        Assert.Empty(work.FindAll("[data-testid='node-form-error']"));
    }

    [Fact]
    public void The_panel_shows_a_stale_node_as_stale()
    {
        var node = NodeOf(ProjectNodeKinds.Segment);
        node.State = ProjectNodeKinds.StateName(NodeState.Stale);

        var panel = Render<CanvasNodePanel>(p => p.Add(x => x.Node, node));

        Assert.Equal("Stale", panel.Find("[data-testid='node-panel-state']").TextContent.Trim());
    }

    [Fact]
    public void A_shot_offers_separate_image_and_audio_regeneration_with_their_cost()
    {
        var node = NodeOf(ProjectNodeKinds.Segment);
        var shotId = ((ProjectNodeData)node.Data!).Entity!.Id;
        var quotes = new Dictionary<(ProductionStep, Guid?), ProductionQuote>
        {
            [(ProductionStep.ShotImages, shotId)] = new(ProductionStep.ShotImages, 1, 3, 20, null),
            [(ProductionStep.ShotAudio, shotId)] = new(ProductionStep.ShotAudio, 0, 0, 0, ProductionRequests.NothingToSpeak),
        };

        var work = RenderWork(node, quotes);

        var image = work.Find("[data-action='generate'][data-step='ShotImages']");
        Assert.Contains("3 credits", image.TextContent);
        Assert.False(image.HasAttribute("disabled"));
        Assert.True(work.Find("[data-step='ShotAudio']").HasAttribute("disabled"));
        Assert.Contains("No shot has a line to speak.", work.Find("[data-testid='node-actions']").TextContent);
    }

    [Fact]
    public async Task A_fan_out_with_open_tasks_offers_stop_which_stops_that_step_in_both_languages()
    {
        var node = NodeOf(ProjectNodeKinds.Scene);
        var quotes = new Dictionary<(ProductionStep, Guid?), ProductionQuote>
        {
            [(ProductionStep.ShotImages, null)] = new(ProductionStep.ShotImages, 5, 15, 60, null) { Open = 11 },
            [(ProductionStep.ShotAudio, null)] = new(ProductionStep.ShotAudio, 16, 16, 60, null),
        };
        CanvasNodeAction? stopped = null;

        var work = Render<CanvasNodeWork>(p => p
            .Add(x => x.Node, node)
            .Add(x => x.ProjectId, Guid.NewGuid())
            .Add(x => x.OwnerId, "someone")
            .Add(x => x.Quotes, quotes)
            .Add(x => x.OnStop, (CanvasNodeAction action) => stopped = action));

        var stop = Assert.Single(work.FindAll("[data-action='stop']"));
        Assert.Equal("ShotImages", stop.GetAttribute("data-step"));
        Assert.Contains("Stop (11 open)", stop.TextContent);
        await stop.ClickAsync(new());
        Assert.Equal(new CanvasNodeAction(ProductionStep.ShotImages, null, "Action.ShotImages"), stopped);

        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("zh-CN");
        try
        {
            var chinese = Render<CanvasNodeWork>(p => p
                .Add(x => x.Node, node)
                .Add(x => x.ProjectId, Guid.NewGuid())
                .Add(x => x.OwnerId, "someone")
                .Add(x => x.Quotes, quotes)
                .Add(x => x.OnStop, (CanvasNodeAction _) => { }));
            Assert.Contains("停止（11 个进行中）", chinese.Find("[data-action='stop']").TextContent);
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("en-US");
        }
    }

    [Fact]
    public void A_one_credit_action_says_credit_in_the_singular()
    {
        var node = NodeOf(ProjectNodeKinds.Segment);
        var shotId = ((ProjectNodeData)node.Data!).Entity!.Id;
        var quotes = new Dictionary<(ProductionStep, Guid?), ProductionQuote>
        {
            [(ProductionStep.ShotAudio, shotId)] = new(ProductionStep.ShotAudio, 1, 1, 5, null),
        };

        var work = RenderWork(node, quotes);

        Assert.Equal("· 1 credit", work.Find("[data-step='ShotAudio'] [data-testid='action-cost']").TextContent.Replace('\u00a0', ' ').Trim());
    }

    [Fact]
    public void A_composed_episode_offers_its_music_and_subtitles_and_says_a_change_needs_a_new_compose()
    {
        RenderPopovers();

        var work = RenderWork(NodeOf(ProjectNodeKinds.Compose));

        work.WaitForAssertion(() => Assert.Equal("Automatic, by the story's mood",
            work.Find("input[data-testid='compose-music']").GetAttribute("value")));
        Assert.Contains("stale until it is composed again", work.Find("[data-testid='compose-stale-hint']").TextContent);
        Assert.True(work.Find("input[data-testid='compose-burn']").HasAttribute("checked"));
    }

    [Fact]
    public void A_viewer_is_told_they_can_look_but_not_generate_or_edit_instead_of_finding_no_buttons()
    {
        RenderPopovers();
        var node = NodeOf(ProjectNodeKinds.StoryBible);

        var viewer = Render<CanvasNodeWork>(p => p
            .Add(x => x.Node, node).Add(x => x.ProjectId, Guid.NewGuid()).Add(x => x.OwnerId, "someone").Add(x => x.ReadOnly, true)
            .Add(x => x.Quotes, new Dictionary<(ProductionStep, Guid?), ProductionQuote>()));

        Assert.Contains("can view this project", viewer.Find("[data-testid='viewer-notice']").TextContent);
        Assert.Contains("not generate or edit", viewer.Find("[data-testid='viewer-notice']").TextContent);
        Assert.Empty(viewer.FindAll("[data-testid='node-actions'], [data-testid$='-form']"));
        // An editor (or the owner) sees the forms and no such notice.
        Assert.Empty(RenderWork(node).FindAll("[data-testid='viewer-notice']"));
    }

    [Fact]
    public async Task A_failed_translation_says_why_on_the_language_switch_and_that_its_credits_came_back()
    {
        RenderPopovers();
        var creator = await DreamX.Tests.Infrastructure.Generation.EngineUser.CreateAsync(database, credits: 0);
        var episode = new Episode { ProjectId = creator.ProjectId, Number = 1, Title = "One", CurrentVersion = 1 };
        string own;
        await using (var db = database.CreateContext())
        {
            own = db.Checkpoints.Single(c => c.ProjectId == creator.ProjectId).Language;
            db.Episodes.Add(episode);
            await db.SaveChangesAsync();
        }
        var other = DreamX.Domain.Common.StoryLanguage.All.First(l => l != own);
        // The translation's task failed on the model (the engine gave its hold back).
        await using (var db = database.CreateContext())
        {
            db.GenerationTasks.Add(new DreamX.Domain.Generation.GenerationTask
            {
                ProjectId = creator.ProjectId, OwnerId = creator.UserId, Type = DreamX.Domain.Generation.GenerationTaskType.TranslateScript,
                TargetKind = NodeKind.Script, TargetId = EpisodeTranslations.VersionId(episode.Id, other),
                Status = DreamX.Domain.Generation.GenerationTaskStatus.Failed, Error = "fake-ai: 503 Service Unavailable", CreditsReserved = 6,
                FinishedAt = DateTimeOffset.UtcNow,
            });
            await db.SaveChangesAsync();
        }

        var versions = Render<NodeLanguageVersions>(p => p
            .Add(x => x.EpisodeId, episode.Id).Add(x => x.ProjectId, creator.ProjectId).Add(x => x.UserId, creator.UserId));

        versions.WaitForAssertion(() =>
        {
            var failed = versions.Find($"[data-testid='translation-failed'][data-language='{other}']");
            Assert.Equal("ProviderUnavailable", failed.GetAttribute("data-reason"));
            Assert.Contains("could not be reached", failed.TextContent);
            Assert.Contains("credits were given back", failed.TextContent);
        });
        // The provider's raw status never shows (ids are taken out first: a random one can contain "503").
        Assert.DoesNotContain("503", System.Text.RegularExpressions.Regex.Replace(versions.Markup, "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", ""));
    }

    private IRenderedComponent<CanvasNodeWork> RenderWork(NodeModel node, Dictionary<(ProductionStep, Guid?), ProductionQuote>? quotes = null) =>
        Render<CanvasNodeWork>(p => p
            .Add(x => x.Node, node)
            .Add(x => x.ProjectId, Guid.NewGuid())
            .Add(x => x.OwnerId, "someone")
            .Add(x => x.Quotes, quotes ?? []));

    private static NodeModel NodeOf(string kind)
    {
        CanvasNode entity = kind switch
        {
            ProjectNodeKinds.StoryBible => new StoryBible { Logline = "A nurse hides an heir.", Synopsis = "Night shifts.", CurrentVersion = 1 },
            ProjectNodeKinds.Character => new Character { Key = "lena", Name = "Lena", Appearance = "Short dark hair", CurrentVersion = 1 },
            ProjectNodeKinds.Scene => new Scene { Lines = [new ScriptLine(ScriptLineKind.Dialogue, "lena", "Who are you?", "tense")], CurrentVersion = 1 },
            ProjectNodeKinds.Compose => new Composition { Renders = [new CompositionRender { Version = 1, VideoKey = "v.mp4", DurationSeconds = 60 }] },
            _ => new Shot { Order = 1, VisualPrompt = "Lena at the window", CurrentVersion = 1 },
        };
        return new NodeModel($"{kind}:{entity.Id}")
        {
            Kind = kind,
            State = "ready",
            Title = kind,
            Data = new ProjectNodeData(entity.Kind, entity, ""),
        };
    }
}
