using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using DreamX.Domain.Common;
using DreamX.Domain.Notes;
using DreamX.Domain.Projects;
using DreamX.Domain.Storage;
using DreamX.Infrastructure.Persistence;
using DreamX.Infrastructure.Projects;
using Microsoft.EntityFrameworkCore;

namespace DreamX.Infrastructure.Media.Notes;

/// <summary>A note ready to post: its pages in order (object keys and the file names they download as) and its post.</summary>
public sealed record NoteBundle(IReadOnlyList<NoteBundlePage> Pages, NotePost Post, string Title);

public sealed record NoteBundlePage(int Number, string Key, string FileName);

/// <summary>
/// Exports a finished image-text note: a ZIP of its pages as numbered JPEGs (01.jpg is the cover) and post.txt
/// (title, body, hashtags). The ZIP is stored under the project, named after what it holds, so asking again for an
/// unchanged note reuses it.
/// </summary>
public sealed class NoteExport(IDbContextFactory<DreamXDbContext> contexts, IObjectStorage storage)
{
    public const string NotFound = "project.not_found";
    public const string NoPages = "note.export_no_pages";
    public const string Incomplete = "note.export_incomplete";
    public const string NoPost = "note.export_no_post";
    public const string Area = "exports";

    /// <summary>The note's pages and post, or why it cannot be exported yet. Anyone who may read the project may export
    /// it (owner, editor, viewer, admin), as they may download its renders.</summary>
    public async Task<Result<NoteBundle>> ReadAsync(string userId, Guid projectId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var access = await ProjectAccess.ActAsync(db, userId, projectId, ProjectPermission.Read, NotFound, ct);
        if (access.IsFailure)
            return Result.Failure<NoteBundle>(NotFound);
        var project = await db.Projects.AsNoTracking().FirstOrDefaultAsync(p => p.Id == projectId && p.Type == ProjectType.RedbookNote, ct);
        if (project is null)
            return Result.Failure<NoteBundle>(NotFound);
        var note = await db.Notes.AsNoTracking().Include(n => n.Pages).FirstOrDefaultAsync(n => n.ProjectId == projectId, ct);
        if (note is null || note.Pages.Count == 0)
            return Result.Failure<NoteBundle>(NoPages);
        if (note.Pages.Any(p => p.ImageKey is null))
            return Result.Failure<NoteBundle>(Incomplete);
        var post = await db.NotePosts.AsNoTracking().FirstOrDefaultAsync(p => p.ProjectId == projectId, ct);
        if (post is not { CurrentVersion: > 0 })
            return Result.Failure<NoteBundle>(NoPost);
        var pages = note.Pages.OrderBy(p => p.Number).Select((p, i) => new NoteBundlePage(p.Number, p.ImageKey!, FileName(i))).ToList();
        return new NoteBundle(pages, post, project.Title);
    }

    /// <summary>The ZIP's object key (stored now, or earlier for the same pages and post).</summary>
    public async Task<Result<ObjectKey>> ExportAsync(string userId, Guid projectId, CancellationToken ct = default)
    {
        var bundle = await ReadAsync(userId, projectId, ct);
        if (bundle.IsFailure)
            return Result.Failure<ObjectKey>(bundle.Error!);
        var text = PostText(bundle.Value.Post);
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Join("\n", bundle.Value.Pages.Select(p => p.Key)) + "\n" + text)))[..16];
        var key = ObjectKey.ForProject(projectId, Area, $"note-{fingerprint}.zip");
        if (await storage.ExistsAsync(key, ct))
            return key;

        var files = new List<(string Name, byte[] Content)>();
        foreach (var page in bundle.Value.Pages)
        {
            if (await storage.ReadAllBytesAsync(ObjectKey.Parse(page.Key), ct) is not { } stored)
                return Result.Failure<ObjectKey>(Incomplete);
            files.Add((page.FileName, stored.Bytes));
        }
        var zip = Zip(files, text);
        await storage.PutAsync(key, new MemoryStream(zip), "application/zip", ct);
        return key;
    }

    /// <summary>01.jpg for the cover, then 02.jpg, … in page order.</summary>
    public static string FileName(int index) => $"{index + 1:00}.jpg";

    /// <summary>post.txt: the title, a blank line, the body, a blank line and the hashtags ("#tag #tag").</summary>
    public static string PostText(NotePost post)
    {
        var tags = string.Join(' ', post.Hashtags.Select(t => "#" + t));
        return $"{post.Title.Trim()}\n\n{post.Body.Trim()}\n\n{tags}".TrimEnd() + "\n";
    }

    public static byte[] Zip(IReadOnlyList<(string Name, byte[] Content)> pages, string postText)
    {
        using var buffer = new MemoryStream();
        using (var archive = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true, Encoding.UTF8))
        {
            foreach (var (name, content) in pages)
            {
                // JPEGs are compressed already: stored as they are.
                var entry = archive.CreateEntry(name, CompressionLevel.NoCompression);
                using var stream = entry.Open();
                stream.Write(content);
            }
            var post = archive.CreateEntry("post.txt", CompressionLevel.Optimal);
            using (var stream = post.Open())
                stream.Write(Encoding.UTF8.GetBytes(postText));
        }
        return buffer.ToArray();
    }
}
