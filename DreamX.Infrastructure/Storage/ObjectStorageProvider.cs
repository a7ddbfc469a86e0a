namespace DreamX.Infrastructure.Storage;

public enum ObjectStorageProvider
{
    /// <summary>Files under <see cref="LocalStorageOptions.Root"/>, served by the app at <c>/media</c>.</summary>
    Local,

    /// <summary>An S3-compatible server (MinIO), read by browsers through presigned URLs.</summary>
    S3,
}
