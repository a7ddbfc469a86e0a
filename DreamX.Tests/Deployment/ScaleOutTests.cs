using DreamX.Domain.Generation;
using DreamX.Infrastructure.Storage;
using DreamX.Tests.Infrastructure.Storage;
using DreamX.Tests.Support;
using DreamX.Tests.Ui.Pages;
using DreamX.Tests.Ui.Support;
using DreamX.Web.Canvas.ProjectGraph;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace DreamX.Tests.Deployment;

/// <summary>
/// Two studio processes on one database and one S3 bucket (s3rver), sharing no memory: what the docker compose file and
/// the Kubernetes manifests run behind a sticky proxy. Shared in the test: the database, the bucket and the key-encryption
/// certificate's file (as a mounted secret is); everything else is each process's own.
/// </summary>
public sealed class ScaleOutFixture : IAsyncLifetime
{
    private readonly TemporaryFolder _work = new();

    public PostgresDatabase Database { get; } = new();
    public S3rverFixture S3 { get; } = new();
    public BrowserSession Browser { get; } = new();
    public StudioProcess First { get; private set; } = null!;
    public StudioProcess Second { get; private set; } = null!;

    /// <summary>The bucket both instances store in.</summary>
    public S3StorageOptions Bucket { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // Two studios, a browser and the other collections share two cores: as generous as the UI collection, or more.
        Assertions.SetDefaultExpectTimeout(30_000);
        await Task.WhenAll(Database.InitializeAsync(), S3.InitializeAsync(), Browser.InitializeAsync());
        var bucket = Bucket = S3.OptionsForNewBucket();
        var shared = new Dictionary<string, string>
        {
            ["ConnectionStrings:Default"] = Database.ConnectionString,
            ["Database:MigrateOnStartup"] = "false",
            ["Storage:Provider"] = "S3",
            ["Storage:S3:Endpoint"] = bucket.Endpoint,
            ["Storage:S3:AccessKey"] = bucket.AccessKey,
            ["Storage:S3:SecretKey"] = bucket.SecretKey,
            ["Storage:S3:Bucket"] = bucket.Bucket,
            ["Storage:S3:UseSsl"] = "false",
            ["DataProtection:KeyEncryption:CertificatePath"] = Path.Combine(_work.Path, "kek.pfx"),
            ["DataProtection:KeyEncryption:CreateIfMissing"] = "true",
            ["RateLimits:Login:PermitLimit"] = "100000",
            ["RateLimits:Register:PermitLimit"] = "100000",
            ["RateLimits:Media:PermitLimit"] = "100000",
            ["RateLimits:AccountEndpoints:PermitLimit"] = "100000",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        // The first seeds the demo and makes the key-encryption certificate; the second finds both.
        First = await StudioProcess.StartAsync(Own(shared, "first", seed: true));
        Second = await StudioProcess.StartAsync(Own(shared, "second", seed: false));
    }

    private Dictionary<string, string> Own(Dictionary<string, string> shared, string name, bool seed) => new(shared)
    {
        ["Seed:Demo"] = seed ? "true" : "false",
        ["Seed:AdminPassword"] = "Scale-out-admin-1",
        ["Compose:WorkRoot"] = Path.Combine(_work.Path, name, "compose"),
        ["Email:OutboxFolder"] = Path.Combine(_work.Path, name, "outbox"),
        ["Storage:Local:Root"] = Path.Combine(_work.Path, name, "local"),
    };

    public async Task DisposeAsync()
    {
        if (Second is not null)
            await Second.DisposeAsync();
        if (First is not null)
            await First.DisposeAsync();
        await Browser.DisposeAsync();
        await S3.DisposeAsync();
        await Database.DisposeAsync();
        _work.Dispose();
    }
}

public sealed class ScaleOutTests(ScaleOutFixture studios, ITestOutputHelper output) : IClassFixture<ScaleOutFixture>
{
    private static readonly LocatorAssertionsToHaveAttributeOptions Slow = new() { Timeout = 120_000 };

    [Fact]
    public async Task Two_instances_share_a_login_the_work_the_live_canvas_and_the_media()
    {
        var (first, second) = (studios.First, studios.Second);
        await using var context = await studios.Browser.Browser.NewContextAsync(BrowserSession.StudioContext(first.BaseAddress));
        context.SetDefaultTimeout(60_000);
        try
        {
            // Registered and signed in on the first instance.
            var onFirst = await context.NewPageAsync();
            await (await new RegisterPage(onFirst).OpenAsync()).RegisterAsync($"scale-{Guid.NewGuid():N}@example.com", "night-shift-7", "Scale");
            await onFirst.WaitForAddressAsync("/projects");

            // The same cookie is a signed-in session on the second (the Data Protection keys live in the shared database).
            var onSecond = await context.NewPageAsync();
            await onSecond.GotoAsync(new Uri(second.BaseAddress, "/projects").ToString());
            await Expect(onSecond).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/projects$"));
            await Expect(onSecond.Locator("[data-testid='user-menu-open']")).ToBeVisibleAsync();

            // A project made on the first, its canvas open on both.
            var form = await new NewProjectPage(onFirst).OpenAsync();
            await form.FillAsync("Two Rooms", "Two sisters run one noodle shop from two ends of a city and meet only at the night market.");
            await form.CreateAsync();
            var projectId = Guid.Parse(onFirst.Url[^36..]);
            var canvasOnFirst = new CanvasPage(onFirst);
            await canvasOnFirst.WaitForReadyAsync();
            await onSecond.GotoAsync(new Uri(second.BaseAddress, $"/projects/{projectId}").ToString());
            var canvasOnSecond = new CanvasPage(onSecond);
            await canvasOnSecond.WaitForReadyAsync();
            await Expect(canvasOnSecond.Node(ProjectGraphMapper.StoryBibleKey)).Not.ToHaveAttributeAsync("data-node-state", "ready");

            // Queued on the first: it runs once, somewhere, and the second's open canvas shows it done without a reload.
            await canvasOnFirst.RunAsync(canvasOnFirst.CardGenerate(ProjectGraphMapper.CheckpointKey));
            await Expect(canvasOnSecond.Node(ProjectGraphMapper.StoryBibleKey)).ToHaveAttributeAsync("data-node-state", "ready", Slow);

            // The cast from the second's canvas; the first's canvas shows every character.
            await Expect(canvasOnSecond.CardNext(ProjectGraphMapper.StoryBibleKey)).ToHaveAttributeAsync("data-step", "Characters", new() { Timeout = 60_000 });
            // The state comes with the task's event; the prices with the read that follows it.
            await Expect(canvasOnSecond.CardNext(ProjectGraphMapper.StoryBibleKey)).Not.ToHaveAttributeAsync("data-blocked", "true", new() { Timeout = 60_000 });
            await canvasOnSecond.RunAsync(canvasOnSecond.CardNext(ProjectGraphMapper.StoryBibleKey));
            await Expect(canvasOnFirst.NodesOfKind("character").First).ToBeAttachedAsync(new() { Timeout = 120_000 });
            await Expect(onFirst.Locator(".dx-node[data-node-kind='character']:not([data-node-state='ready'])")).ToHaveCountAsync(0, new() { Timeout = 120_000 });

            // One character's portrait asked for on the second (whichever instance paints it writes it to the bucket), shown by the
            // first, whose local folder is its own: the picture can only come from the bucket.
            var character = await canvasOnSecond.IdOfAsync(canvasOnSecond.NodesOfKind("character").First);
            await canvasOnSecond.RunAsync(canvasOnSecond.CardGenerate(character));
            var portrait = canvasOnFirst.Node(character).Locator("img");
            await Expect(portrait).ToHaveCountAsync(1, new() { Timeout = 120_000 });
            await canvasOnFirst.BringIntoFrameAsync(portrait);
            await onFirst.WaitForFunctionAsync("img => img.complete && img.naturalWidth > 0", await portrait.ElementHandleAsync(), new() { Timeout = 60_000 });
            await UiFixture.ViewportScreenshotAsync(onFirst, "scale-out-first-instance");

            // Each task ran exactly once and the bucket holds the portrait.
            await using var db = studios.Database.CreateContext();
            var tasks = await db.GenerationTasks.AsNoTracking().Where(t => t.ProjectId == projectId)
                .Select(t => new { t.Type, t.Status, t.Attempts, t.WorkerId }).ToListAsync();
            output.WriteLine(string.Join("\n", tasks.Select(t => $"{t.Type} {t.Status} attempts {t.Attempts} on {t.WorkerId}")));
            Assert.All(tasks, t => Assert.Equal(GenerationTaskStatus.Succeeded, t.Status));
            Assert.All(tasks, t => Assert.Equal(1, t.Attempts));
            Assert.Single(tasks, t => t.Type == GenerationTaskType.StoryBible);
            var keys = await db.Characters.AsNoTracking().Where(c => c.ProjectId == projectId && c.PortraitKey != null).Select(c => c.PortraitKey!).ToListAsync();
            var painted = Assert.Single(keys);
            using var bucket = new MinioObjectStorage(studios.Bucket);
            Assert.True(await bucket.ExistsAsync(DreamX.Domain.Storage.ObjectKey.Parse(painted), CancellationToken.None), $"{painted} is not in the shared bucket");
        }
        catch
        {
            output.WriteLine("first instance:\n" + studios.First.Output);
            output.WriteLine("second instance:\n" + studios.Second.Output);
            throw;
        }
    }
}
