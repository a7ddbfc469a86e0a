using DreamX.Domain.Storage;

namespace DreamX.Infrastructure.Storage;

/// <summary>
/// Maps keys to files under the storage root and back. Object files keep the key's own name; bookkeeping
/// files beside them start with '.', which no key segment may, so they can never be mistaken for objects.
/// </summary>
internal sealed class LocalObjectPaths
{
    private const string MetadataSuffix = ".meta.json";

    public LocalObjectPaths(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
    }

    public string Root { get; }

    public string ObjectFile(ObjectKey key) => Resolve(key.Value);

    /// <summary>The sidecar holding the content type and hash: <c>.{name}.meta.json</c> next to the object.</summary>
    public string MetadataFile(ObjectKey key) => Beside(ObjectFile(key), MetadataSuffix);

    /// <summary>A fresh temporary name in the same folder, so the final move is a rename on one volume.</summary>
    public static string TemporaryFileBeside(string path) => Beside(path, $".{Guid.NewGuid():N}.tmp");

    /// <summary>The folder holding every key that starts with <paramref name="prefix"/>.</summary>
    public string FolderFor(string prefix)
    {
        var lastSlash = prefix.LastIndexOf('/');
        return lastSlash < 0 ? Root : Resolve(prefix[..lastSlash]);
    }

    /// <summary>The key of an object file, or null for bookkeeping files and anything that is not a key.</summary>
    public ObjectKey? KeyOf(string file)
    {
        var relative = Path.GetRelativePath(Root, file).Replace(Path.DirectorySeparatorChar, '/');
        return ObjectKey.TryParse(relative, out var key) ? key : null;
    }

    private static string Beside(string path, string suffix)
        => Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}{suffix}");

    private string Resolve(string relative)
    {
        // ObjectKey already rules out "..", rooted and backslash paths; this is the last line if that ever changes.
        var full = Path.GetFullPath(Path.Combine(Root, relative));
        if (!full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"'{relative}' resolves outside the storage root.");
        }

        return full;
    }
}
