using DreamX.Infrastructure;
using DreamX.Infrastructure.Persistence.Seeding;
using DreamX.Web;
using DreamX.Web.Account;
using DreamX.Web.Api;
using DreamX.Web.Api.Foundation;
using DreamX.Web.Components;
using DreamX.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddInfrastructure();
builder.AddStudioWeb();
builder.AddStudioApi();
builder.AddStudioTelemetry();

var app = builder.Build();
await app.Services.InitializeDatabaseAsync();

app.UseStudioWeb();
app.MapHealthEndpoints();
app.MapAccountEndpoints();
app.MapMediaEndpoints();
app.MapStudioMetrics();
app.MapStudioApi();
// frame-ancestors comes with the studio's own Content-Security-Policy ('none'), not as a second header.
app.MapRazorComponents<App>().AddInteractiveServerRenderMode(o => o.ContentSecurityFrameAncestorsPolicy = null);

app.Run();

/// <summary>Entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;
