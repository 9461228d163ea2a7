namespace Drydock.Analysis.UserRules.Clamd;

/// <summary>What clamd answered about one stream.</summary>
public enum ClamdOutcome : byte
{
    /// <summary><c>stream: OK</c>.</summary>
    Clean,

    /// <summary><c>stream: NAME FOUND</c>.</summary>
    Found,

    /// <summary><c>INSTREAM size limit exceeded. ERROR</c>: the file is over clamd's StreamMaxLength.</summary>
    TooLarge,

    /// <summary>Any other <c>ERROR</c>, an unexpected reply, or no reply within the timeout.</summary>
    Failed,
}

/// <summary>clamd's reply to one INSTREAM command.</summary>
/// <param name="Outcome">What the reply means.</param>
/// <param name="Text">The signature name for <see cref="ClamdOutcome.Found"/>; the reply or failure otherwise.</param>
public sealed record ClamdReply(ClamdOutcome Outcome, string Text)
{
    /// <summary>Parses a reply with its session id prefix (<c>3: </c>) and trailing NUL removed.</summary>
    public static ClamdReply Parse(string reply)
    {
        var text = reply.Trim();
        if (text.StartsWith("stream: ", StringComparison.Ordinal))
        {
            var body = text["stream: ".Length..];
            if (body == "OK")
            {
                return new ClamdReply(ClamdOutcome.Clean, body);
            }

            if (body.EndsWith(" FOUND", StringComparison.Ordinal) && body.Length > " FOUND".Length)
            {
                return new ClamdReply(ClamdOutcome.Found, body[..^" FOUND".Length]);
            }
        }

        if (text.Contains("size limit exceeded", StringComparison.OrdinalIgnoreCase))
        {
            return new ClamdReply(ClamdOutcome.TooLarge, text);
        }

        return new ClamdReply(ClamdOutcome.Failed, text.Length == 0 ? "empty reply" : text);
    }
}
