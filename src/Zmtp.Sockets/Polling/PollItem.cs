namespace Zmtp;

/// <summary>One ready socket reported by <see cref="Poller"/>: the socket and what it is ready for.</summary>
/// <param name="Socket">The registered socket.</param>
/// <param name="Events">The ready subset of the events it was registered for (never <see cref="PollEvents.None"/>).</param>
public readonly record struct PollItem(ZmtpSocket Socket, PollEvents Events);
