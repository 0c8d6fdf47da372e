using System;

namespace MultiMail.Sandbox.Oversight;

/// <summary>A failure the API reports as <c>{"error": Message}</c> with <see cref="Status"/>.</summary>
/// <param name="Status">The HTTP status code.</param>
/// <param name="Message">The error text (never contains a key).</param>
/// <param name="RetryAfter">For 429: when to retry (sent as <c>Retry-After</c>, whole seconds).</param>
internal sealed record ServiceError(int Status, string Message, TimeSpan? RetryAfter = null);

/// <summary>Either a value or a <see cref="ServiceError"/>.</summary>
internal readonly struct ServiceResult<T>
{
    private ServiceResult(T? value, ServiceError? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }

    public ServiceError? Error { get; }

    public static implicit operator ServiceResult<T>(T value) => new(value, null);

    public static implicit operator ServiceResult<T>(ServiceError error) => new(default, error);
}
