using DreamX.Domain.Generation;
using DreamX.Infrastructure.Generation;
using Microsoft.Extensions.Localization;

namespace DreamX.Web.Localization;

/// <summary>A failure in the creator's words and language: what failed and why, never the raw error.</summary>
public static class FailureMessages
{
    /// <summary>"The shot list failed: the AI service is busy right now…"</summary>
    public static string Describe(this IStringLocalizer<FailureText> text, GenerationTaskType work, TaskFailureReason reason) =>
        text["Failed", text[$"Work.{work}"].Value, text[$"Reason.{reason}"].Value];

    /// <summary>Why a task with this stored error failed.</summary>
    public static string Reason(this IStringLocalizer<FailureText> text, string? error) =>
        text[$"Reason.{TaskFailureReasons.Classify(error)}"];
}
