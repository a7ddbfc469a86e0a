using System.Globalization;
using DreamX.Web.Account;
using DreamX.Web.Api.Foundation;
using DreamX.Web.Canvas;
using DreamX.Web.Hosting;
using DreamX.Web.Live;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using MudBlazor.Services;

namespace DreamX.Web;

public static class DependencyInjection
{
    /// <summary>Blazor Server with MudBlazor, cookies for Identity, authorization, localization.</summary>
    public static WebApplicationBuilder AddStudioWeb(this WebApplicationBuilder builder)
    {
        // A circuit takes messages up to 512 KB (SignalR's default is 32 KB): a 20,000-character script, or a paste over
        // the limit the form then names, reaches the server whole instead of silently dropping (sized in CheckpointForm).
        builder.Services.AddRazorComponents().AddInteractiveServerComponents()
            .AddHubOptions(hub => hub.MaximumReceiveMessageSize = Components.Pages.Projects.CheckpointForm.CircuitMessageBytes);
        builder.Services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight;
            options.SnackbarConfiguration.VisibleStateDuration = 4000;
        });

        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddScoped<AuthenticationStateProvider, RevalidatingIdentityAuthenticationStateProvider>();
        // Served over TLS (the public address is https): Secure, __Host- prefixed cookies (ASVS V3.3).
        var overTls = builder.Configuration.GetSection(PublicUrlOptions.Section).Get<PublicUrlOptions>()?.BaseUri?.Scheme == Uri.UriSchemeHttps;
        builder.Services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/account/login";
            cookie.LogoutPath = "/account/logout";
            cookie.AccessDeniedPath = "/account/access-denied";
            cookie.Cookie.Name = overTls ? "__Host-dreamx.auth" : "dreamx.auth";
            cookie.Cookie.Path = "/";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = overTls ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            cookie.SlidingExpiration = true;
            cookie.ExpireTimeSpan = SessionLifetime.Idle;
            cookie.Events.OnSigningIn = context =>
            {
                SessionLifetime.OnSigningIn(context);
                return Task.CompletedTask;
            };
            cookie.Events.OnValidatePrincipal = async context =>
            {
                if (SessionLifetime.HasOutlived(context.Properties, context.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow()))
                {
                    context.RejectPrincipal();
                    await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                    return;
                }
                await SecurityStampValidator.ValidatePrincipalAsync(context);
            };
        });
        // A password change, a lock or a logout ends the account's other sessions within a minute.
        builder.Services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = SessionLifetime.StampCheck(builder.Configuration));
        builder.Services.Configure<ForwardedHeadersOptions>(o =>
        {
            // Behind a TLS-terminating proxy: the scheme and client address it saw. Only loopback proxies are
            // trusted unless Studio:TrustedProxies names others (addresses, or networks such as 172.28.0.0/24).
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in (builder.Configuration["Studio:TrustedProxies"] ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (System.Net.IPNetwork.TryParse(proxy, out var network))
                    o.KnownIPNetworks.Add(network);
                else if (System.Net.IPAddress.TryParse(proxy, out var address))
                    o.KnownProxies.Add(address);
            }
        });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Admin, policy => policy.RequireRole(Infrastructure.Identity.Roles.Admin));

        builder.Services.AddLocalization();
        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            var cultures = StudioCultures.Supported.Select(c => new CultureInfo(c)).ToList();
            options.DefaultRequestCulture = new(StudioCultures.English);
            options.SupportedCultures = cultures;
            options.SupportedUICultures = cultures;
            options.FallBackToParentUICultures = true;
        });

        builder.Services.AddOptions<PublicUrlOptions>().BindConfiguration(PublicUrlOptions.Section)
            .Validate(o => string.IsNullOrWhiteSpace(o.PublicUrl) || o.BaseUri is not null,
                "Studio:PublicUrl must be an absolute http(s) address without query, e.g. https://studio.example.com.")
            .Validate(o => !builder.Environment.IsProduction() || o.BaseUri is not null,
                "Studio:PublicUrl is required in Production: e-mailed links are built from it, never from the request's Host header.")
            .ValidateOnStart();
        builder.Services.AddSingleton<PublicLinks>();
        // Without an explicit AllowedHosts the studio answers only to its public host and loopback.
        if (string.IsNullOrWhiteSpace(builder.Configuration["AllowedHosts"]))
        {
            var publicUrl = builder.Configuration.GetSection(PublicUrlOptions.Section).Get<PublicUrlOptions>() ?? new();
            builder.Services.Configure<HostFilteringOptions>(o => o.AllowedHosts = [.. publicUrl.AllowedHosts()]);
        }

        builder.Services.AddStudioSecurityHeaders(builder.Configuration);
        builder.Services.AddStudioRateLimits(builder.Configuration);
        builder.Services.AddScoped<CircuitGeneration>();
        builder.Services.AddScoped<UploadLimit>();
        // The security headers set X-Frame-Options for every answer; no second copy from antiforgery.
        builder.Services.AddAntiforgery(o => o.SuppressXFrameOptionsHeader = true);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);

        // Every log line inside a request or a task carries its trace id (the id the error page and problem details show).
        builder.Logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<LoginTickets>();
        builder.Services.AddScoped<BrowserBinding>();
        builder.Services.AddStudioAuditScope();
        builder.Services.AddCircuitConnection();
        builder.Services.AddScoped<CurrentUser>();
        builder.Services.AddScoped<Components.Pages.Projects.ProjectActions>();
        builder.Services.AddScoped<Components.Pages.Projects.Production.QuoteConfirmation>();
        builder.Services.AddStudioCanvas();
        builder.Services.AddHttpContextAccessor();
        return builder;
    }

    public static WebApplication UseStudioWeb(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseStudioSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            // The error page shows the request's trace id; the log line of the exception carries the same one.
            app.UseExceptionHandler(new ExceptionHandlerOptions
            {
                ExceptionHandlingPath = "/error",
                CreateScopeForErrors = true,
                StatusCodeSelector = ex => ex is UnauthorizedAccessException ? StatusCodes.Status403Forbidden : StatusCodes.Status500InternalServerError,
            });
            app.UseHsts();
        }
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseStudioApiErrors();
        app.UseRequestLocalization();
        app.UseBrowserBinding();
        app.UseAuthentication();
        app.UseStudioAuditScope();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets();
        return app;
    }
}

/// <summary>Authorization policy names.</summary>
public static class Policies
{
    public const string Admin = "Admin";
}
