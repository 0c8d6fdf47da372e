using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace MultiMail.Sandbox.Endpoints;

/// <summary><c>limit</c> and <c>cursor</c> query parameters of the tenant-wide lists (spam, suppression).</summary>
internal static class Paging
{
    /// <summary>Reads limit (1-100) and cursor (a sequence number this endpoint returned); an error text when invalid.</summary>
    public static string? Read(HttpRequest request, int defaultLimit, out int limit, out long? cursor)
    {
        limit = defaultLimit;
        cursor = null;
        var limitText = request.Query["limit"].ToString();
        if (limitText.Length > 0 && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 100))
        {
            return "limit must be an integer from 1 to 100 (default " + defaultLimit.ToString(CultureInfo.InvariantCulture) + ").";
        }

        var cursorText = request.Query["cursor"].ToString();
        if (cursorText.Length > 0)
        {
            if (!long.TryParse(cursorText, NumberStyles.None, CultureInfo.InvariantCulture, out var seq) || seq < 1)
            {
                return "cursor is not a cursor returned by this endpoint.";
            }

            cursor = seq;
        }

        return null;
    }

    public static string? Next(long? seq) => seq?.ToString(CultureInfo.InvariantCulture);
}
