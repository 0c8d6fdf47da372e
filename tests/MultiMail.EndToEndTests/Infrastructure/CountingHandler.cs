using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace MultiMail.EndToEndTests.Infrastructure;

/// <summary>A real socket transport that notes every request it sends (method and path), to prove what left the process.</summary>
public sealed class CountingHandler : DelegatingHandler
{
    private readonly ConcurrentQueue<string> _requests = new();

    public CountingHandler()
        : base(new SocketsHttpHandler())
    {
    }

    /// <summary>The requests sent so far, as <c>METHOD /path?query</c>.</summary>
    public IReadOnlyList<string> Requests => _requests.ToArray();

    /// <inheritdoc/>
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        _requests.Enqueue(request.Method.Method + " " + request.RequestUri!.PathAndQuery);
        return base.SendAsync(request, cancellationToken);
    }

    /// <summary>The requests to paths that contain <paramref name="fragment"/>.</summary>
    public IReadOnlyList<string> To(string fragment) => Requests.Where(r => r.Contains(fragment, StringComparison.Ordinal)).ToArray();
}
