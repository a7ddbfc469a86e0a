namespace DreamX.Web.Localization;

/// <summary>Marker for the project budget cap's strings (BudgetText.resx, BudgetText.zh-CN.resx).</summary>
public sealed class BudgetText;
