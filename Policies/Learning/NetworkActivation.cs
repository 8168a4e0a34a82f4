namespace HarvestOrleans.Policies;

/// <summary>The non-linearity of a <see cref="Mlp"/>'s hidden layers (its output layer is linear).</summary>
public enum NetworkActivation
{
    /// <summary>tanh, the Freyr authors' choice (their <c>ACTIVATION = nn.Tanh()</c>).</summary>
    Tanh,

    /// <summary>max(0, x).</summary>
    Relu,
}
