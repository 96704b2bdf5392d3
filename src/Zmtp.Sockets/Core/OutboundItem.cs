namespace Zmtp.Core;

/// <summary>What a peer's send pump writes next.</summary>
internal enum OutboundKind : byte
{
    /// <summary>A whole message (counts against SNDHWM).</summary>
    Message,

    /// <summary>A SUBSCRIBE (or 3.0 subscribe message).</summary>
    Subscribe,

    /// <summary>A CANCEL (or 3.0 unsubscribe message).</summary>
    Cancel,

    /// <summary>A PONG answering a PING.</summary>
    Pong,

    /// <summary>A heartbeat PING; the data is the TTL (u16, big-endian, tenths of a second).</summary>
    Ping,
}

/// <summary>
/// One entry of a peer's outbound queue. A message may go out with envelope frames written before it and
/// leading frames skipped, so patterns that add or strip envelopes (REQ, REP, ROUTER) never copy or mutate
/// the caller's message.
/// </summary>
internal readonly struct OutboundItem
{
    private OutboundItem(OutboundKind kind, Message? message, ReadOnlyMemory<byte>[]? envelope, int skip, ReadOnlyMemory<byte> data)
    {
        Kind = kind;
        Message = message;
        Envelope = envelope;
        Skip = skip;
        Data = data;
    }

    public OutboundKind Kind { get; }

    public Message? Message { get; }

    /// <summary>Frames written (with MORE) before the message's own frames.</summary>
    public ReadOnlyMemory<byte>[]? Envelope { get; }

    /// <summary>How many leading frames of <see cref="Message"/> are not written.</summary>
    public int Skip { get; }

    /// <summary>The topic or PING context of a command.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    public static OutboundItem ForMessage(Message message, ReadOnlyMemory<byte>[]? envelope = null, int skip = 0) =>
        new(OutboundKind.Message, message, envelope, skip, default);

    public static OutboundItem ForCommand(OutboundKind kind, ReadOnlyMemory<byte> data) =>
        new(kind, null, null, 0, data);
}
