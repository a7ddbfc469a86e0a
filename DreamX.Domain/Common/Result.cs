namespace DreamX.Domain.Common;

/// <summary>The outcome of an operation a user can make fail: success, or a reason the UI can show.</summary>
public class Result
{
    protected Result(bool isSuccess, string? error, object[]? errorArguments = null)
    {
        IsSuccess = isSuccess;
        Error = error;
        ErrorArguments = errorArguments ?? [];
    }

    public bool IsSuccess { get; }
    public bool IsFailure => !IsSuccess;

    /// <summary>Why it failed: a message or a localisable error code.</summary>
    public string? Error { get; }

    /// <summary>The values the error code's message names, in order (e.g. the seconds to wait); empty for most codes.</summary>
    public IReadOnlyList<object> ErrorArguments { get; }

    public static Result Success() => new(true, null);
    public static Result Failure(string error) => new(false, error);
    public static Result<T> Success<T>(T value) => Result<T>.Success(value);
    public static Result<T> Failure<T>(string error) => Result<T>.Failure(error);

    /// <summary>A failure whose code's message names values (its <see cref="ErrorArguments"/>).</summary>
    public static Result<T> Failure<T>(string error, params object[] arguments) => Result<T>.Failure(error, arguments);
}

/// <summary>A value, or the reason there is none.</summary>
public sealed class Result<T> : Result
{
    private readonly T? _value;

    private Result(bool isSuccess, T? value, string? error, object[]? errorArguments = null) : base(isSuccess, error, errorArguments) => _value = value;

    public T Value => IsSuccess ? _value! : throw new InvalidOperationException($"No value: {Error}");

    public static Result<T> Success(T value) => new(true, value, null);
    public static new Result<T> Failure(string error) => new(false, default, error);
    public static Result<T> Failure(string error, params object[] arguments) => new(false, default, error, arguments);

    public static implicit operator Result<T>(T value) => Success(value);
}
