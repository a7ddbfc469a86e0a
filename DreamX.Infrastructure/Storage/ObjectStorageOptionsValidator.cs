using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace DreamX.Infrastructure.Storage;

/// <summary>Fails the start with a message naming the setting to fix, rather than the first upload.</summary>
internal sealed partial class ObjectStorageOptionsValidator : IValidateOptions<ObjectStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, ObjectStorageOptions options)
    {
        var failures = new List<string>();

        if (options.ReadUrlLifetime <= TimeSpan.Zero || options.ReadUrlLifetime > TimeSpan.FromDays(7))
        {
            // Seven days is the S3 ceiling for presigned URLs.
            failures.Add("Storage:ReadUrlLifetime must be between 00:00:01 and 7.00:00:00.");
        }

        if (options.HealthCheckTimeout <= TimeSpan.Zero)
        {
            failures.Add("Storage:HealthCheckTimeout must be positive.");
        }

        switch (options.Provider)
        {
            case ObjectStorageProvider.Local:
                if (string.IsNullOrWhiteSpace(options.Local.Root))
                {
                    failures.Add("Storage:Local:Root is required when Storage:Provider is Local.");
                }

                break;

            case ObjectStorageProvider.S3:
                ValidateS3(options.S3, failures);
                break;

            default:
                failures.Add($"Storage:Provider '{options.Provider}' is not supported; use Local or S3.");
                break;
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateS3(S3StorageOptions s3, List<string> failures)
    {
        if (!IsHostAndPort(s3.Endpoint))
        {
            failures.Add($"Storage:S3:Endpoint must be host:port (no scheme), got '{s3.Endpoint}'.");
        }

        if (s3.PublicEndpoint is not null && !IsHostAndPort(s3.PublicEndpoint))
        {
            failures.Add($"Storage:S3:PublicEndpoint must be host:port (no scheme), got '{s3.PublicEndpoint}'.");
        }

        if (string.IsNullOrWhiteSpace(s3.AccessKey) || string.IsNullOrWhiteSpace(s3.SecretKey))
        {
            failures.Add("Storage:S3:AccessKey and Storage:S3:SecretKey are required when Storage:Provider is S3.");
        }

        if (!BucketName().IsMatch(s3.Bucket ?? ""))
        {
            failures.Add($"Storage:S3:Bucket '{s3.Bucket}' is not a valid bucket name (3-63 lower-case letters, digits, '-' or '.').");
        }

        if (string.IsNullOrWhiteSpace(s3.Region))
        {
            failures.Add("Storage:S3:Region is required (us-east-1 suits MinIO).");
        }
    }

    private static bool IsHostAndPort(string? endpoint)
        => !string.IsNullOrWhiteSpace(endpoint)
           && !endpoint.Contains("://", StringComparison.Ordinal)
           && Uri.TryCreate($"http://{endpoint}", UriKind.Absolute, out var uri)
           && uri.AbsolutePath == "/"
           && string.IsNullOrEmpty(uri.Query);

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")]
    private static partial Regex BucketName();
}
