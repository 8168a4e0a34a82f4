using HarvestOrleans.Functions;

namespace HarvestOrleans.FunctionBench;

/// <summary>
/// lr_review: a logistic-regression sentiment classifier over bag-of-words features. The model is trained on a
/// generated corpus of reviews when the instance is created — that is its cold start, like loading a model — and each
/// invocation classifies generated reviews and reports the accuracy.
/// </summary>
public sealed class ReviewClassifierFunction : HarvestFunction<ReviewClassifierFunction.Request, ReviewClassifierFunction.Response>
{
    private static readonly string[] Positive = ["great", "excellent", "love", "fast", "reliable", "cheap", "happy", "perfect", "smooth", "recommend"];
    private static readonly string[] Negative = ["bad", "slow", "broken", "hate", "expensive", "crash", "refund", "awful", "late", "noisy"];
    private static readonly string[] Neutral = ["the", "a", "product", "service", "it", "was", "and", "delivery", "price", "quality", "very", "this", "is", "my", "order"];
    private static readonly string[] Vocabulary = [.. Positive, .. Negative, .. Neutral];
    private static readonly Dictionary<string, int> Index = Vocabulary.Select((w, i) => (w, i)).ToDictionary(p => p.w, p => p.i);

    private double[] _weights = [];
    private double _bias;

    public sealed record Request(int Reviews = 20_000, int Seed = 2);

    public sealed record Response(int Reviews, double Accuracy);

    public override ValueTask InitializeAsync(CancellationToken cancellationToken)
    {
        var random = Inputs.Seeded(1);
        var (x, y) = Corpus(random, 4_000);
        var weights = new double[Vocabulary.Length];
        double bias = 0;
        const double rate = 0.1;
        for (var epoch = 0; epoch < 30; epoch++)
        {
            for (var i = 0; i < x.Length; i++)
            {
                var error = Sigmoid(Dot(weights, x[i]) + bias) - y[i];
                for (var j = 0; j < weights.Length; j++)
                {
                    weights[j] -= rate * error * x[i][j];
                }

                bias -= rate * error;
            }
        }

        (_weights, _bias) = (weights, bias);
        return ValueTask.CompletedTask;
    }

    protected override Task<Response> RunAsync(Request? input, FunctionContext context, CancellationToken cancellationToken)
    {
        var count = Inputs.InRange(input?.Reviews ?? 20_000, 1, 1_000_000, "reviews");
        var (x, y) = Corpus(Inputs.Seeded(input?.Seed ?? 2), count);
        var correct = 0;
        for (var i = 0; i < x.Length; i++)
        {
            correct += (Sigmoid(Dot(_weights, x[i]) + _bias) >= 0.5 ? 1 : 0) == y[i] ? 1 : 0;
        }

        return Task.FromResult(new Response(count, (double)correct / count));
    }

    /// <summary>Reviews of 8–30 words; positive ones lean on positive words, with noise.</summary>
    private static (double[][] Features, int[] Labels) Corpus(Random random, int count)
    {
        var features = new double[count][];
        var labels = new int[count];
        for (var i = 0; i < count; i++)
        {
            labels[i] = random.Next(2);
            var words = Enumerable.Range(0, random.Next(8, 31)).Select(_ =>
            {
                var roll = random.NextDouble();
                var tone = labels[i] == 1 ? Positive : Negative;
                var other = labels[i] == 1 ? Negative : Positive;
                return roll < 0.25 ? tone[random.Next(tone.Length)] : roll < 0.33 ? other[random.Next(other.Length)] : Neutral[random.Next(Neutral.Length)];
            });
            features[i] = new double[Vocabulary.Length];
            foreach (var word in words)
            {
                features[i][Index[word]] += 1;
            }
        }

        return (features, labels);
    }

    private static double Dot(double[] w, double[] x)
    {
        double sum = 0;
        for (var j = 0; j < w.Length; j++)
        {
            sum += w[j] * x[j];
        }

        return sum;
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
}
