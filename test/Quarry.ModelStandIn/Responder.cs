using Microsoft.Extensions.Logging;

namespace Quarry.ModelStandIn;

/// <summary>What the model would answer to one request: the layout of the page it recognises, or the content of the block it recognises; degenerate on demand.</summary>
public sealed class Responder(Recognizer recognizer, StandInState state, ILogger logger)
{
    public sealed record Answer(string Content, string FinishReason, string? Document, int? Page, string? Label, double? Score, bool Recognized);

    /// <summary>Never throws: whatever goes wrong is logged and answered empty, as a model answers something to any image.</summary>
    public Answer Respond(ChatRequestView request)
    {
        try
        {
            return RespondCore(request);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "stand-in: answering failed; answering empty");
            return new Answer("", "stop", null, null, null, null, Recognized: false);
        }
    }

    private Answer RespondCore(ChatRequestView request)
    {
        var image = request.Images.FirstOrDefault();
        var kind = request.Kind;
        Answer answer;
        if (kind == PromptKind.Unknown || image is null)
        {
            logger.LogWarning("stand-in: request without a known prompt and an image (prompt {Prompt}); answering empty", request.Prompt);
            answer = new Answer("", "stop", null, null, null, null, Recognized: false);
        }
        else if (kind == PromptKind.Layout)
        {
            var (page, distance) = recognizer.IdentifyPage(image);
            if (page is null)
            {
                logger.LogWarning("stand-in: layout image {Width}x{Height} matches no known page (best distance {Distance:F3}); answering no blocks", image.Width, image.Height, distance);
            }
            answer = new Answer(page?.LayoutAnswer ?? "", "stop", page?.Document, page?.Index, null, distance, page is not null);
        }
        else
        {
            var (page, block, score) = recognizer.IdentifyCrop(image, kind);
            if (block is null)
            {
                logger.LogWarning("stand-in: {Kind} crop {Width}x{Height} matches no known block (best score {Score:F3}); answering empty", kind, image.Width, image.Height, score);
            }
            answer = new Answer(block?.Answer ?? "", "stop", page?.Document, page?.Index, block?.Label, score, block is not null);
            if (state.Repeat(block?.Label ?? kind.ToString().ToLowerInvariant()))
            {
                answer = answer with { Content = Loop(answer.Content, state.Behaviour.RepeatMaxTokens), FinishReason = "length" };
            }
        }
        if (request.MaxTokens is { } cap && Tokens.Truncate(answer.Content, cap) is { Cut: true } cut)
        {
            answer = answer with { Content = cut.Text, FinishReason = "length" };
        }
        return answer;
    }

    /// <summary>A degenerate answer: the start of the real one, then its first few tokens over and over, cut at <paramref name="maxTokens"/>.</summary>
    internal static string Loop(string real, int maxTokens)
    {
        var (head, _) = Tokens.Truncate(real, 3);
        var unit = head.Length == 0 ? "the " : head + " ";
        var text = new System.Text.StringBuilder(real.Length > 0 ? Tokens.Truncate(real, 8).Text + " " : "");
        while (Tokens.Count(text.ToString()) < maxTokens)
        {
            text.Append(unit);
        }
        return Tokens.Truncate(text.ToString(), maxTokens).Text;
    }
}
