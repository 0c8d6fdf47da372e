using System;
using System.Buffers;

namespace MultiMail.Internal;

/// <summary>
/// An <see cref="IBufferWriter{T}"/> over arrays rented from <see cref="ArrayPool{T}.Shared"/>: a request body is
/// written into it and the array goes back to the pool once the response has been read, so a send allocates no body
/// buffer (a <c>Utf8JsonWriter</c> asks for the worst case of every string, six bytes per character, which made a
/// <c>MemoryStream</c> grow to about 4 KB for a 550-character email).
/// </summary>
internal sealed class PooledBufferWriter : IBufferWriter<byte>, IDisposable
{
    /// <summary>A writer with nothing rented, for a cached <c>Utf8JsonWriter</c> to point at between uses.</summary>
    internal static readonly PooledBufferWriter Parked = new(0);

    private byte[] _buffer;
    private int _written;

    public PooledBufferWriter(int initialSize = 512)
    {
        _buffer = initialSize > 0 ? ArrayPool<byte>.Shared.Rent(initialSize) : Array.Empty<byte>();
    }

    public int WrittenCount => _written;

    public ReadOnlySpan<byte> WrittenSpan => new(_buffer, 0, _written);

    /// <summary>The bytes written so far, over the rented array (valid until <see cref="Dispose"/>).</summary>
    public ArraySegment<byte> WrittenSegment => new(_buffer, 0, _written);

    public void Advance(int count)
    {
        if (count < 0 || _written + count > _buffer.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(count));
        }

        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(sizeHint);
        return _buffer.AsSpan(_written);
    }

    /// <summary>Returns the array to the pool; the writer is empty afterwards.</summary>
    public void Dispose()
    {
        var buffer = _buffer;
        _buffer = Array.Empty<byte>();
        _written = 0;
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private void Ensure(int sizeHint)
    {
        if (sizeHint < 1)
        {
            sizeHint = 1;
        }

        if (_buffer.Length - _written >= sizeHint)
        {
            return;
        }

        var size = Math.Max(Math.Max(_buffer.Length * 2, 256), checked(_written + sizeHint));
        var larger = ArrayPool<byte>.Shared.Rent(size);
        Buffer.BlockCopy(_buffer, 0, larger, 0, _written);
        var old = _buffer;
        _buffer = larger;
        if (old.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(old);
        }
    }
}
