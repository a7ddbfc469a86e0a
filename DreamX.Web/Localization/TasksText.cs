namespace DreamX.Web.Localization;

/// <summary>Marker for the task center's strings (TasksText.resx, TasksText.zh-CN.resx).</summary>
public sealed class TasksText;
