namespace DreamX.Web.Localization;

/// <summary>Marker for the quote confirmation dialog's strings (QuoteText.resx, QuoteText.zh-CN.resx).</summary>
public sealed class QuoteText;
