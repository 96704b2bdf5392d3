namespace Zmtp.Core;

/// <summary>A received message with the peer it came from (REQ, REP and ROUTER route by it).</summary>
internal readonly record struct InboundItem(Peer Peer, Message Message);
