using System.IO.Pipelines;
using Minio;
using Minio.DataModel.Args;

namespace DreamX.Infrastructure.Storage;

/// <summary>
/// Turns the Minio client's callback-style download into a stream the caller reads at its own pace:
/// the body is copied into a pipe in the background, with back-pressure, and the download is cancelled
/// when the reader disposes the stream early.
/// </summary>
internal sealed class MinioDownloadStream : Stream
{
    private readonly Stream _reader;
    private readonly CancellationTokenSource _cancel;
    private readonly Task _download;
    private bool _disposed;

    private MinioDownloadStream(Stream reader, CancellationTokenSource cancel, Task download)
    {
        _reader = reader;
        _cancel = cancel;
        _download = download;
    }

    public static Stream Start(IMinioClient client, string bucket, string objectName, CancellationToken ct)
    {
        var pipe = new Pipe();
        var cancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var download = Task.Run(() => CopyAsync(client, bucket, objectName, pipe.Writer, cancel.Token), CancellationToken.None);
        return new MinioDownloadStream(pipe.Reader.AsStream(), cancel, download);
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => _reader.Read(buffer, offset, count);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        => _reader.ReadAsync(buffer, offset, count, cancellationToken);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        => _reader.ReadAsync(buffer, cancellationToken);

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _cancel.CancelAsync();
        await _reader.DisposeAsync();
        await _download; // Never faults: failures travel through the pipe to the reader.
        _cancel.Dispose();
        GC.SuppressFinalize(this);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            // Not waiting here: the background copy ends on its own once cancelled.
            _cancel.Cancel();
            _reader.Dispose();
        }

        base.Dispose(disposing);
    }

    private static async Task CopyAsync(IMinioClient client, string bucket, string objectName, PipeWriter writer, CancellationToken ct)
    {
        try
        {
            await client.GetObjectAsync(
                new GetObjectArgs()
                    .WithBucket(bucket)
                    .WithObject(objectName)
                    .WithCallbackStream((body, token) => body.CopyToAsync(writer, token)),
                ct);
            await writer.CompleteAsync();
        }
        catch (Exception e)
        {
            // The reader sees the failure on its next read instead of a silently short stream.
            await writer.CompleteAsync(e);
        }
    }
}
