namespace DreamX.Web.Localization;

/// <summary>Marker for the webhook settings' strings (WebhooksText.resx, WebhooksText.zh-CN.resx).</summary>
public sealed class WebhooksText;
