using System.IO.Pipelines;
using Zmtp.Protocol.Tests.Support;

namespace Zmtp.Protocol.Tests.Properties;

/// <summary>What a session made of a peer's traffic: the items it returned, then Closed or a protocol error.</summary>
internal sealed record SessionOutcome(List<WireItem> Items, ZmtpProtocolException? Error);

/// <summary>
/// Runs a handshaken session against peer traffic written in chunks by a concurrent writer (so large
/// frames pass the pipe's back-pressure), every case bounded by <see cref="CaseLimit"/> so a hang fails
/// loudly instead of stalling the test run.
/// </summary>
internal static class SessionDriver
{
    public static readonly TimeSpan CaseLimit = TimeSpan.FromSeconds(10);

    /// <summary>A DEALER session handshaken with a literal libzmq ROUTER, then <paramref name="chunks"/> and the peer's close.</summary>
    public static Task<SessionOutcome> AfterHandshakeAsync(IReadOnlyList<byte[]> chunks, long maxMessageSize = -1) =>
        Bounded(async () =>
        {
            var pipes = new PipePair();
            var session = new ZmtpSession(pipes.Left, new ZmtpSessionOptions { SocketType = ZmtpSocketType.Dealer, MaxMessageSize = maxMessageSize });
            await pipes.Right.HandshakeWithLibzmqAsync(session, ZmtpSocketType.Router);
            return await ReadAllAsync(session, pipes, chunks);
        });

    /// <summary>
    /// A PULL session whose peer sends <paramref name="chunks"/> from its first octet (greeting included) and
    /// closes. The handshake may fail only as documented: <see cref="ZmtpProtocolException"/>, or
    /// <see cref="EndOfStreamException"/> when the stream ends first (then <c>Error</c> is null and no items).
    /// </summary>
    public static Task<SessionOutcome> FromFirstOctetAsync(IReadOnlyList<byte[]> chunks) =>
        Bounded(async () =>
        {
            var pipes = new PipePair();
            var session = new ZmtpSession(pipes.Left, new ZmtpSessionOptions { SocketType = ZmtpSocketType.Pull, HandshakeTimeout = CaseLimit });
            var writer = WriteAsync(pipes.Right.Output, chunks);
            try
            {
                await session.HandshakeAsync();
            }
            catch (ZmtpProtocolException ex)
            {
                await StopAsync(pipes, writer);
                return new SessionOutcome([], ex);
            }
            catch (EndOfStreamException)
            {
                await StopAsync(pipes, writer);
                return new SessionOutcome([], null);
            }

            return await ReadAllAsync(session, pipes, writer);
        });

    private static Task<SessionOutcome> ReadAllAsync(ZmtpSession session, PipePair pipes, IReadOnlyList<byte[]> chunks) =>
        ReadAllAsync(session, pipes, WriteAsync(pipes.Right.Output, chunks));

    private static async Task<SessionOutcome> ReadAllAsync(ZmtpSession session, PipePair pipes, Task writer)
    {
        var items = new List<WireItem>();
        try
        {
            while (true)
            {
                var inbound = await session.ReadAsync();
                switch (inbound.Kind)
                {
                    case ZmtpInboundKind.Closed:
                        await writer;
                        return new SessionOutcome(items, null);
                    case ZmtpInboundKind.Message:
                        items.Add(new MessageItem(inbound.Message!.ToArrays()));
                        inbound.Message.Dispose();
                        break;
                    default:
                        items.Add(new CommandItem(inbound.Kind, inbound.PingTtl, inbound.Data.ToArray()));
                        break;
                }
            }
        }
        catch (ZmtpProtocolException ex)
        {
            await StopAsync(pipes, writer);
            return new SessionOutcome(items, ex);
        }
    }

    // The session gave up: it reads no more, so let the peer's pending writes finish.
    private static async Task StopAsync(PipePair pipes, Task writer)
    {
        await pipes.Left.Input.CompleteAsync();
        await writer;
    }

    private static async Task WriteAsync(PipeWriter output, IReadOnlyList<byte[]> chunks)
    {
        await Task.Yield();
        foreach (var chunk in chunks)
        {
            var result = await output.WriteAsync(chunk);
            if (result.IsCompleted)
            {
                break;
            }
        }

        await output.CompleteAsync();
    }

    private static async Task<SessionOutcome> Bounded(Func<Task<SessionOutcome>> run)
    {
        try
        {
            return await run().WaitAsync(CaseLimit);
        }
        catch (TimeoutException ex) when (ex.Source is "System.Private.CoreLib")
        {
            throw new Xunit.Sdk.XunitException($"Hang: the session did not finish within {CaseLimit} with the whole peer stream written.");
        }
    }
}
