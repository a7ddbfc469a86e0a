using System.Diagnostics.CodeAnalysis;

namespace DreamX.Domain.Storage;

/// <summary>
/// Where an object lives in storage, e.g. <c>projects/{projectId}/images/shot-1.png</c>.
/// Keys are built by the factories below; <see cref="TryParse"/> accepts keys coming back from URLs.
/// </summary>
/// <remarks>
/// The character set is deliberately narrow (ASCII letters, digits, '-', '_', '.'; segments joined by '/')
/// so a key is the same string in S3, on a file system and in a URL path, with nothing to escape.
/// A segment may not start with '.', which rules out "." and ".." and leaves dot-files free for
/// storage bookkeeping (sidecars, temporary files).
/// </remarks>
public sealed record ObjectKey
{
    /// <summary>S3 allows 1024 bytes; a lower bound keeps file-system paths comfortably short.</summary>
    public const int MaxLength = 512;

    public const string ProjectsRoot = "projects";
    public const string UsersRoot = "users";
    public const string AssetsRoot = "assets";
    public const string AvatarFolder = "avatar";

    private ObjectKey(string value, ObjectKeyScope scope, Guid? projectId, string? avatarUserId)
    {
        Value = value;
        Scope = scope;
        ProjectId = projectId;
        AvatarUserId = avatarUserId;
    }

    public string Value { get; }

    /// <summary>Which layout the key follows; decides who may read it (<see cref="ObjectAccessPolicy"/>).</summary>
    public ObjectKeyScope Scope { get; }

    /// <summary>The project the object belongs to, for <c>projects/{projectId}/...</c> keys.</summary>
    public Guid? ProjectId { get; }

    /// <summary>The user whose avatar this is, for <c>users/{userId}/avatar/...</c> keys.</summary>
    public string? AvatarUserId { get; }

    /// <summary>The last segment, e.g. <c>shot-1.png</c>.</summary>
    public string FileName => Value[(Value.LastIndexOf('/') + 1)..];

    /// <summary><c>projects/{projectId}/{area}/{fileName}</c>; see <see cref="ProjectAreas"/>. The file name may hold sub-folders.</summary>
    public static ObjectKey ForProject(Guid projectId, string area, string fileName)
    {
        if (projectId == Guid.Empty)
        {
            throw new ArgumentException("A project key needs a project id.", nameof(projectId));
        }

        RequireSegment(area, nameof(area));
        return Parse($"{ProjectsRoot}/{projectId:D}/{area}/{fileName}");
    }

    /// <summary><c>users/{userId}/avatar/{fileName}</c>.</summary>
    public static ObjectKey ForUserAvatar(string userId, string fileName)
    {
        RequireSegment(userId, nameof(userId));
        return Parse($"{UsersRoot}/{userId}/{AvatarFolder}/{fileName}");
    }

    /// <summary><c>assets/{kind}/{fileName}</c>; see <see cref="AssetKinds"/>. The file name may hold sub-folders.</summary>
    public static ObjectKey ForAsset(string kind, string fileName)
    {
        RequireSegment(kind, nameof(kind));
        return Parse($"{AssetsRoot}/{kind}/{fileName}");
    }

    /// <summary>Parses a key that must be valid (built by code); throws <see cref="FormatException"/> otherwise.</summary>
    public static ObjectKey Parse(string value)
    {
        return TryParse(value, out var key, out var reason)
            ? key
            : throw new FormatException($"'{value}' is not a valid object key: {reason}");
    }

    /// <summary>Parses a key that came from outside (a URL, a stored row); false when it is not a valid key.</summary>
    public static bool TryParse([NotNullWhen(true)] string? value, [NotNullWhen(true)] out ObjectKey? key)
        => TryParse(value, out key, out _);

    public static bool TryParse(
        [NotNullWhen(true)] string? value,
        [NotNullWhen(true)] out ObjectKey? key,
        [NotNullWhen(false)] out string? reason)
    {
        key = null;
        reason = CheckPath(value, allowTrailingSlash: false);
        if (reason is not null)
        {
            return false;
        }

        var segments = value!.Split('/');
        reason = ClassifyLayout(segments, out var scope, out var projectId, out var avatarUserId);
        if (reason is not null)
        {
            return false;
        }

        key = new ObjectKey(value, scope, projectId, avatarUserId);
        return true;
    }

    /// <summary>
    /// True when <paramref name="prefix"/> can be used to list keys: empty, or the start of a valid key
    /// (a trailing '/' is allowed, a partial last segment too).
    /// </summary>
    public static bool IsValidPrefix(string? prefix)
        => prefix is not null && (prefix.Length == 0 || CheckPath(prefix, allowTrailingSlash: true) is null);

    /// <summary>True when the key starts with <paramref name="prefix"/> (plain string prefix, as in S3).</summary>
    public bool StartsWith(string prefix) => Value.StartsWith(prefix, StringComparison.Ordinal);

    public override string ToString() => Value;

    private static string? CheckPath(string? value, bool allowTrailingSlash)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "it is empty";
        }

        if (value.Length > MaxLength)
        {
            return $"it is longer than {MaxLength} characters";
        }

        if (value[0] == '/')
        {
            return "it starts with '/'";
        }

        var segments = value.Split('/');
        var last = allowTrailingSlash && value[^1] == '/' ? segments.Length - 1 : segments.Length;
        for (var i = 0; i < last; i++)
        {
            var problem = CheckSegment(segments[i]);
            if (problem is not null)
            {
                return problem;
            }
        }

        return null;
    }

    private static string? CheckSegment(string segment)
    {
        if (segment.Length == 0)
        {
            return "it has an empty segment";
        }

        if (segment[0] == '.')
        {
            return $"segment '{segment}' starts with '.'";
        }

        foreach (var c in segment)
        {
            if (!IsSafe(c))
            {
                return c == '\\'
                    ? "it contains a backslash"
                    : $"segment '{segment}' contains '{c}' (only letters, digits, '-', '_' and '.' are allowed)";
            }
        }

        return null;
    }

    private static bool IsSafe(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.';

    private static string? ClassifyLayout(string[] segments, out ObjectKeyScope scope, out Guid? projectId, out string? avatarUserId)
    {
        scope = ObjectKeyScope.Other;
        projectId = null;
        avatarUserId = null;

        // The reserved roots must follow their layout exactly: the access policy trusts what they say.
        switch (segments[0])
        {
            case ProjectsRoot:
                if (segments.Length < 4 || !Guid.TryParseExact(segments[1], "D", out var id) || id == Guid.Empty
                    || segments[1] != id.ToString("D"))
                {
                    return "a project key is projects/{lower-case project id}/{area}/{file name}";
                }

                scope = ObjectKeyScope.Project;
                projectId = id;
                return null;

            case UsersRoot:
                if (segments.Length < 4 || segments[2] != AvatarFolder)
                {
                    return "a user key is users/{user id}/avatar/{file name}";
                }

                scope = ObjectKeyScope.UserAvatar;
                avatarUserId = segments[1];
                return null;

            case AssetsRoot:
                if (segments.Length < 3)
                {
                    return "an asset key is assets/{kind}/{file name}";
                }

                scope = ObjectKeyScope.Asset;
                return null;

            default:
                return null;
        }
    }

    private static void RequireSegment(string value, string parameterName)
    {
        ArgumentException.ThrowIfNullOrEmpty(value, parameterName);
        var problem = value.Contains('/') ? "it contains '/'" : CheckSegment(value);
        if (problem is not null)
        {
            throw new ArgumentException($"'{value}' cannot be a key segment: {problem}", parameterName);
        }
    }
}
