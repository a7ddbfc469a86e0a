using System.Buffers;
using System.Security.Cryptography;
using DreamX.Domain.Storage;
using Microsoft.AspNetCore.StaticFiles;

namespace DreamX.Infrastructure.Storage;

/// <summary>
/// Objects as files under one root folder (development and single-machine installs); browsers read them
/// through signed <c>/media</c> links served by the app.
/// </summary>
/// <remarks>
/// Each object is written to a temporary file and renamed into place, so readers never see half a file.
/// The content type and SHA-256 live in a sidecar (<c>.{name}.meta.json</c>); without it the type is
/// derived from the file extension.
/// </remarks>
public sealed class LocalFileObjectStorage : IObjectStorage
{
    private const int BufferSize = 81920;
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    private readonly LocalObjectPaths _paths;
    private readonly MediaUrlSigner _signer;

    public LocalFileObjectStorage(string root, MediaUrlSigner signer)
    {
        _paths = new LocalObjectPaths(root);
        _signer = signer;
    }

    public string Root => _paths.Root;

    public async Task<StoredObject> PutAsync(ObjectKey key, Stream content, string contentType, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentType);

        var file = _paths.ObjectFile(key);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);

        var temporary = LocalObjectPaths.TemporaryFileBeside(file);
        try
        {
            var sha256 = await CopyHashingAsync(content, temporary, ct);
            var metadata = new LocalObjectMetadata(contentType, sha256);
            await WriteAtomicallyAsync(_paths.MetadataFile(key), metadata.ToJson(), ct);
            File.Move(temporary, file, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        return await StatAsync(key, ct) ?? throw new IOException($"'{key}' vanished right after it was written.");
    }

    public async Task<ObjectContent?> OpenReadAsync(ObjectKey key, CancellationToken ct)
    {
        FileStream stream;
        try
        {
            // FileShare.Delete lets a writer replace or remove the object while it is being read.
            stream = new FileStream(
                _paths.ObjectFile(key), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete,
                BufferSize, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        try
        {
            var info = await DescribeAsync(key, new FileInfo(stream.Name), ct);
            return new ObjectContent(info, stream);
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    public async Task<StoredObject?> StatAsync(ObjectKey key, CancellationToken ct)
    {
        var file = new FileInfo(_paths.ObjectFile(key));
        return file.Exists ? await DescribeAsync(key, file, ct) : null;
    }

    public Task<bool> ExistsAsync(ObjectKey key, CancellationToken ct)
        => Task.FromResult(File.Exists(_paths.ObjectFile(key)));

    public Task DeleteAsync(ObjectKey key, CancellationToken ct)
    {
        // The object first: once it is gone the key is gone, whatever happens to the sidecar.
        File.Delete(_paths.ObjectFile(key));
        File.Delete(_paths.MetadataFile(key));
        return Task.CompletedTask;
    }

    public IAsyncEnumerable<ListedObject> ListAsync(string prefix, CancellationToken ct)
    {
        if (!ObjectKey.IsValidPrefix(prefix))
        {
            throw new ArgumentException($"'{prefix}' is not a valid key prefix.", nameof(prefix));
        }

        return List(prefix, ct).ToAsyncEnumerable();
    }

    public Task<StorageHealth> CheckHealthAsync(CancellationToken ct)
    {
        var probe = Path.Combine(_paths.Root, $".health-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(_paths.Root);
            File.WriteAllBytes(probe, [1]);
            File.Delete(probe);
            return Task.FromResult(StorageHealth.Healthy());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Task.FromResult(StorageHealth.Unhealthy($"Cannot write to the storage folder {_paths.Root}: {e.Message}"));
        }
    }

    public Task<string> GetDownloadUrlAsync(ObjectKey key, TimeSpan lifetime, string? downloadFileName, CancellationToken ct)
        => Task.FromResult(_signer.CreateUrl(key, lifetime, downloadFileName));

    private IEnumerable<ListedObject> List(string prefix, CancellationToken ct)
    {
        var folder = _paths.FolderFor(prefix);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var files = Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true });
        var listed = new List<ListedObject>();
        foreach (var file in files)
        {
            ct.ThrowIfCancellationRequested();
            if (_paths.KeyOf(file) is { } key && key.StartsWith(prefix))
            {
                var info = new FileInfo(file);
                listed.Add(new ListedObject(key, info.Length, info.LastWriteTimeUtc));
            }
        }

        // S3 lists in key order; do the same so callers see one behaviour.
        listed.Sort((a, b) => string.CompareOrdinal(a.Key.Value, b.Key.Value));
        return listed;
    }

    private async Task<StoredObject> DescribeAsync(ObjectKey key, FileInfo file, CancellationToken ct)
    {
        var metadata = await LocalObjectMetadata.ReadAsync(_paths.MetadataFile(key), ct);
        var contentType = metadata?.ContentType ?? ContentTypeFromExtension(key);
        return new StoredObject(key, file.Length, contentType, metadata?.Sha256, file.LastWriteTimeUtc);
    }

    private static string ContentTypeFromExtension(ObjectKey key)
        => ContentTypes.TryGetContentType(key.FileName, out var type) ? type : "application/octet-stream";

    private static async Task<string> CopyHashingAsync(Stream content, string destination, CancellationToken ct)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            await using var file = new FileStream(destination, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous);
            int read;
            while ((read = await content.ReadAsync(buffer, ct)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), ct);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static async Task WriteAtomicallyAsync(string path, byte[] bytes, CancellationToken ct)
    {
        var temporary = LocalObjectPaths.TemporaryFileBeside(path);
        try
        {
            await File.WriteAllBytesAsync(temporary, bytes, ct);
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
