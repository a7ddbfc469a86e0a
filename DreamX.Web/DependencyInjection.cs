using System.Globalization;
using DreamX.Web.Account;
using DreamX.Web.Canvas;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using MudBlazor.Services;

namespace DreamX.Web;

public static class DependencyInjection
{
    /// <summary>Blazor Server with MudBlazor, cookies for Identity, authorization, localization.</summary>
    public static WebApplicationBuilder AddStudioWeb(this WebApplicationBuilder builder)
    {
        // A circuit takes messages up to 256 KB (SignalR's default is 32 KB): a 20,000-character script typed or pasted in
        // any script reaches the server whole instead of silently dropping the connection (the form bounds its boxes).
        builder.Services.AddRazorComponents().AddInteractiveServerComponents()
            .AddHubOptions(hub => hub.MaximumReceiveMessageSize = 256 * 1024);
        builder.Services.AddMudServices(options =>
        {
            options.SnackbarConfiguration.PositionClass = MudBlazor.Defaults.Classes.Position.BottomRight;
            options.SnackbarConfiguration.VisibleStateDuration = 4000;
        });

        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddScoped<AuthenticationStateProvider, RevalidatingIdentityAuthenticationStateProvider>();
        builder.Services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/account/login";
            cookie.LogoutPath = "/account/logout";
            cookie.AccessDeniedPath = "/account/access-denied";
            cookie.Cookie.Name = "dreamx.auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.SlidingExpiration = true;
            cookie.ExpireTimeSpan = TimeSpan.FromDays(14);
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

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<LoginTickets>();
        builder.Services.AddScoped<CurrentUser>();
        builder.Services.AddScoped<Components.Pages.Projects.ProjectActions>();
        builder.Services.AddScoped<Components.Pages.Projects.Production.QuoteConfirmation>();
        builder.Services.AddStudioCanvas();
        builder.Services.AddHttpContextAccessor();
        return builder;
    }

    public static WebApplication UseStudioWeb(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseRequestLocalization();
        app.UseAuthentication();
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
