namespace DreamX.Web.Localization;

/// <summary>Marker for the projects feature's strings (ProjectsText.resx, ProjectsText.zh-CN.resx).</summary>
public sealed class ProjectsText;
