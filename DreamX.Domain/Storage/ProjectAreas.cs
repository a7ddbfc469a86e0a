namespace DreamX.Domain.Storage;

/// <summary>The folders under <c>projects/{projectId}/</c>, one per kind of media a project produces.</summary>
public static class ProjectAreas
{
    public const string Images = "images";
    public const string Audio = "audio";
    public const string Clips = "clips";
    public const string Renders = "renders";
    public const string Portraits = "portraits";
    public const string References = "references";
}
