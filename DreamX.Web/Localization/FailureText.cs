namespace DreamX.Web.Localization;

/// <summary>Marker for why work failed, in the creator's words (FailureText.resx, FailureText.zh-CN.resx): canvas, board, task center.</summary>
public sealed class FailureText;
