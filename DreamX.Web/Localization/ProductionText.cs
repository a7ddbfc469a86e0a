namespace DreamX.Web.Localization;

/// <summary>Marker for the production board's strings (ProductionText.resx, ProductionText.zh-CN.resx).</summary>
public sealed class ProductionText;
