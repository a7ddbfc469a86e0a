using NetEscapades.AspNetCore.SecurityHeaders.Headers.ContentSecurityPolicy;

namespace DreamX.Web.Hosting;

/// <summary>
/// The browser rules every answer carries (ASVS V3.4): a Content-Security-Policy that Blazor Server and
/// MudBlazor work under (scripts only from our origin or with the request's nonce, no eval, no framing),
/// nosniff, a strict referrer policy, no powerful browser features, HSTS over TLS and no Server header.
/// Stored media get a stricter policy: nothing in them may run, whatever their bytes say.
/// </summary>
public static class SecurityHeaders
{
    public const string MediaPolicy = "media";
    private const int OneYearInSeconds = 365 * 24 * 60 * 60;

    public static IServiceCollection AddStudioSecurityHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        // Presigned S3 links point at the object store's own origin; the player and images load from there.
        var storageOrigin = StorageOrigin(configuration);
        services.AddSecurityHeaderPolicies(policies =>
        {
            policies.SetDefaultPolicy(p => Common(p).AddContentSecurityPolicy(csp =>
            {
                csp.AddDefaultSrc().Self();
                csp.AddScriptSrc().Self().WithNonce();
                // MudBlazor writes its theme as a <style> element and positions popovers with style attributes.
                csp.AddStyleSrc().Self().UnsafeInline();
                AddMediaSources(csp.AddImgSrc().Self().Data().Blob(), storageOrigin);
                AddMediaSources(csp.AddMediaSrc().Self().Blob(), storageOrigin);
                csp.AddFontSrc().Self().Data();
                csp.AddConnectSrc().Self();
                csp.AddObjectSrc().None();
                csp.AddBaseUri().Self();
                csp.AddFormAction().Self();
                csp.AddFrameAncestors().None();
            }));
            policies.AddPolicy(MediaPolicy, p => Common(p)
                .AddContentSecurityPolicy(csp =>
                {
                    csp.AddDefaultSrc().None();
                    csp.AddSandbox();
                    csp.AddFrameAncestors().None();
                }));
        });
        return services;
    }

    public static IApplicationBuilder UseStudioSecurityHeaders(this IApplicationBuilder app)
    {
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/media"), media => media.UseSecurityHeaders(MediaPolicy));
        app.UseWhen(http => !http.Request.Path.StartsWithSegments("/media"), pages => pages.UseSecurityHeaders());
        return app;
    }

    private static HeaderPolicyCollection Common(HeaderPolicyCollection policy) => policy
        .AddContentTypeOptionsNoSniff()
        .AddFrameOptionsDeny()
        .AddReferrerPolicyStrictOriginWhenCrossOrigin()
        .AddPermissionsPolicy(permissions =>
        {
            permissions.AddCamera().None();
            permissions.AddMicrophone().None();
            permissions.AddGeolocation().None();
            permissions.AddPayment().None();
            permissions.AddUsb().None();
        })
        .AddCrossOriginOpenerPolicy(coop => coop.SameOrigin())
        // Sent on https requests only (the middleware skips plain http, as browsers ignore it there).
        .AddStrictTransportSecurityMaxAgeIncludeSubDomains(OneYearInSeconds)
        .RemoveServerHeader();

    private static void AddMediaSources<T>(T directive, string? storageOrigin) where T : CspDirectiveBuilder
    {
        if (storageOrigin is not null)
            directive.From(storageOrigin);
    }

    private static string? StorageOrigin(IConfiguration configuration)
    {
        if (!string.Equals(configuration["Storage:Provider"], "S3", StringComparison.OrdinalIgnoreCase))
            return null;
        var endpoint = configuration["Storage:S3:PublicEndpoint"] ?? configuration["Storage:S3:Endpoint"];
        if (string.IsNullOrWhiteSpace(endpoint))
            return null;
        var https = configuration["Storage:S3:PublicUseSsl"] ?? configuration["Storage:S3:UseSsl"];
        return (string.Equals(https, "true", StringComparison.OrdinalIgnoreCase) ? "https://" : "http://") + endpoint;
    }
}
