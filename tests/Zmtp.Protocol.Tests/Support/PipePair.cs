using System.IO.Pipelines;

namespace Zmtp.Protocol.Tests.Support;

/// <summary>Two cross-wired pipes: what Left writes, Right reads, and the other way round.</summary>
internal sealed class PipePair
{
    public PipePair(PipeOptions? options = null)
    {
        var toRight = new Pipe(options ?? PipeOptions.Default);
        var toLeft = new Pipe(options ?? PipeOptions.Default);
        Left = new Duplex(toLeft.Reader, toRight.Writer);
        Right = new Duplex(toRight.Reader, toLeft.Writer);
    }

    public IDuplexPipe Left { get; }

    public IDuplexPipe Right { get; }

    private sealed class Duplex(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }
}
