using System.Text;

namespace Zmtp.Protocol.Tests;

/// <summary>The multipart message container: frame order through adds, prepends and removals.</summary>
public sealed class MessageTests
{
    [Fact]
    public void Single_frame_message_grows_into_many_frames_in_order()
    {
        var message = new Message("b"u8.ToArray());
        message.Prepend("a"u8.ToArray()).Add("c").AddEmpty().Prepend("0"u8.ToArray());
        Assert.Equal(["0", "a", "b", "c", ""], Texts(message));
        Assert.Equal(5, message.Count);
        Assert.Equal(4, message.ByteCount);
    }

    [Fact]
    public void Removing_frames_and_adding_again_keeps_the_order()
    {
        var message = Message.FromStrings("x");
        Assert.Equal("x", Encoding.UTF8.GetString(message.RemoveFirst().Span));
        Assert.Empty(message);
        message.Add("y").Add("z");
        message.RemoveFirst(1);
        message.Add("w");
        for (var i = 0; i < 10; i++)
        {
            message.Add($"{i}");
            message.RemoveFirst();
        }

        Assert.Equal(["8", "9"], Texts(message));
        Assert.Throws<ArgumentOutOfRangeException>(() => message[2]);
    }

    [Fact]
    public void Many_frames_and_many_prepends()
    {
        var message = new Message();
        for (var i = 0; i < 50; i++)
        {
            message.Add($"t{i}");
            message.Prepend(Encoding.UTF8.GetBytes($"h{i}"));
        }

        var texts = Texts(message);
        Assert.Equal(100, texts.Length);
        Assert.Equal("h49", texts[0]);
        Assert.Equal("h0", texts[49]);
        Assert.Equal("t0", texts[50]);
        Assert.Equal("t49", texts[99]);
    }

    [Fact]
    public void Dispose_empties_the_message_once_no_holder_is_left()
    {
        var message = Message.FromStrings("a", "b");
        message.AddReference();
        message.Dispose();
        Assert.Equal(2, message.Count); // a queue still holds it
        message.Dispose(); // a second dispose by the application changes nothing
        Assert.Equal(2, message.Count);
        message.ReleaseReference();
        Assert.Empty(message);
    }

    private static string[] Texts(Message message) => [.. message.Select(f => Encoding.UTF8.GetString(f.Span))];
}
