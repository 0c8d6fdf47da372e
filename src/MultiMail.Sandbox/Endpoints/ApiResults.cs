using System;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using MultiMail.Sandbox.Oversight;

namespace MultiMail.Sandbox.Endpoints;

/// <summary>Results in the API's shapes: every error is <c>{"error": "..."}</c> (SPEC <c>Error</c>, API.md §5.1).</summary>
internal static class ApiResults
{
    public static IResult Error(int status, string message) => Results.Json(new ErrorBody(message), statusCode: status);

    public static IResult Error(ServiceError error) =>
        error.RetryAfter is { } retryAfter ? new RetryAfterResult(error, retryAfter) : Error(error.Status, error.Message);

    public static IResult Json(object body, int status = StatusCodes.Status200OK) => Results.Json(body, statusCode: status);

    /// <summary>The value mapped by <paramref name="onSuccess"/>, or the error.</summary>
    public static IResult From<T>(ServiceResult<T> result, Func<T, IResult> onSuccess) =>
        result.Error is { } error ? Error(error) : onSuccess(result.Value!);

    /// <summary>The error body.</summary>
    /// <param name="Error">What went wrong.</param>
    internal sealed record ErrorBody(string Error);

    /// <summary>A 429 with <c>Retry-After</c> in whole seconds.</summary>
    private sealed class RetryAfterResult(ServiceError error, TimeSpan retryAfter) : IResult
    {
        public System.Threading.Tasks.Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return Results.Json(new ErrorBody(error.Message), statusCode: error.Status).ExecuteAsync(httpContext);
        }
    }
}
