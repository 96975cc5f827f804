/**
 * Lists how each component and the FLOPs are computed, with the papers they
 * come from, so that a reader can check a number without opening the code.
 * Symbols: s sequence length, b micro-batch, h hidden size, a heads, L layers,
 * V vocabulary, t tensor-parallel degree, p bytes per activation value.
 */
export function Formulas() {
  return (
    <details className="panel formulas" data-testid="formulas">
      <summary>How each number is computed, and its sources</summary>
      <p className="field-hint">
        s sequence length, b micro-batch, h hidden size, a attention heads, L layers, V vocabulary, t tensor-parallel degree, p bytes per activation value
        (2 in the usual recipes).
      </p>
      <dl>
        <dt>Weights, gradients, optimizer state</dt>
        <dd>Parameters (counted from the model's shapes) × the recipe's bytes per parameter for each, divided by t.</dd>
        <dt>Activations (linear in s)</dt>
        <dd>
          Per layer and token, the tensors the backward pass needs: 34·h bytes at p = 2 for a GPT layer (attention block 11·h, MLP 19·h, two LayerNorm
          inputs 4·h), with the widths of the actual model (grouped-query K and V, the MLP width, a gated MLP's third tensor). Tensor parallelism divides
          the attention and MLP tensors by t; sequence parallelism divides the rest too. Korthikanti et al., "Reducing Activation Recomputation in Large
          Transformer Models", arXiv 2205.05198, section 4.1.
        </dd>
        <dt>Attention scores (quadratic in s)</dt>
        <dd>
          5·a·s² bytes per layer and sequence at p = 2 (softmax output, dropout mask and dropout output), divided by t. The other variants keep
          less: about a·s·w scores for a window of w keys, a·s·k for low rank k, and the feature maps for random features. Tiled exact attention
          (FlashAttention, Dao et al., arXiv 2205.14135) stores none.
        </dd>
        <dt>Recomputation</dt>
        <dd>
          Selective recomputation stores no attention scores and recomputes them in the backward pass; full recomputation stores only each layer's input
          (p·h per token) and reruns the whole forward pass. Korthikanti et al., sections 4 and 5.
        </dd>
        <dt>Output layer</dt>
        <dd>Per token, the final LayerNorm input and the projection input (p·h each) and fp32 logits over the vocabulary (4·V bytes, divided by t).</dd>
        <dt>KV cache (inference)</dt>
        <dd>2·L·kv_heads·d_head·s·b·p bytes: keys and values of every layer, with grouped-query attention's fewer key-value heads.</dd>
        <dt>FLOPs per training step</dt>
        <dd>
          72·b·s·L·h²·(1 + s/(6h) + V/(12·h·L)) model FLOPs for a GPT layer with a 4·h MLP, forward and backward (Megatron-LM; Korthikanti et al.,
          appendix A). Hardware FLOPs add what recomputation runs again. The time per step divides hardware FLOPs by t devices at the chosen fraction
          of peak.
        </dd>
      </dl>
    </details>
  );
}
