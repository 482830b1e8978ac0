import * as tf from '@tensorflow/tfjs';
import { fusedLstm, type RecurrentActivation } from './fused-lstm-op.js';

type LayerArgs = ConstructorParameters<typeof tf.layers.Layer>[0];
type InitializerLike = ReturnType<typeof tf.initializers.zeros>;

export interface FusedLstmLayerArgs extends NonNullable<LayerArgs> {
  units: number;
  /** Default true here (tf.layers.lstm defaults to false). */
  returnSequences?: boolean;
  /** Default `'sigmoid'` (PyTorch's; tf.layers.lstm defaults to `'hardSigmoid'`). */
  recurrentActivation?: RecurrentActivation;
  kernelInitializer?: InitializerLike;
  recurrentInitializer?: InitializerLike;
  /** Bias initialised to zeros, with the forget-gate slice set to 1 when `unitForgetBias` (default false). */
  unitForgetBias?: boolean;
}

let registered = false;

/**
 * A tfjs layer computing an LSTM with {@link fusedLstm}: the same weights (`kernel`, `recurrent_kernel`, `bias`, in
 * tf.layers.lstm's layout and order, so `setWeights(lstm.getWeights())` carries over) and outputs as
 * `tf.layers.lstm({ units, returnSequences, recurrentActivation, activation: 'tanh' })`. No dropout, masking,
 * stateful or go-backwards support.
 */
export class FusedLstmLayer extends tf.layers.Layer {
  static readonly className = 'MirkitFusedLstm';
  readonly units: number;
  readonly returnSequences: boolean;
  readonly recurrentActivation: RecurrentActivation;
  readonly #kernelInit: InitializerLike;
  readonly #recurrentInit: InitializerLike;
  readonly #unitForgetBias: boolean;
  #kernel: tf.LayerVariable | undefined;
  #recurrent: tf.LayerVariable | undefined;
  #bias: tf.LayerVariable | undefined;

  constructor(args: FusedLstmLayerArgs) {
    super(args);
    this.units = args.units;
    this.returnSequences = args.returnSequences ?? true;
    this.recurrentActivation = args.recurrentActivation ?? 'sigmoid';
    this.#kernelInit = args.kernelInitializer ?? tf.initializers.glorotUniform({});
    this.#recurrentInit = args.recurrentInitializer ?? tf.initializers.orthogonal({});
    this.#unitForgetBias = args.unitForgetBias ?? false;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const inputDim = shape[shape.length - 1] as number;
    const g = 4 * this.units;
    this.#kernel = this.addWeight('kernel', [inputDim, g], 'float32', this.#kernelInit);
    this.#recurrent = this.addWeight('recurrent_kernel', [this.units, g], 'float32', this.#recurrentInit);
    const h = this.units;
    this.#bias = this.addWeight('bias', [g], 'float32', tf.initializers.zeros());
    if (this.#unitForgetBias) {
      const bias = this.#bias;
      tf.tidy(() => void bias.write(tf.concat([tf.zeros([h]), tf.ones([h]), tf.zeros([2 * h])])));
    }
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const s = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    return this.returnSequences ? [s[0]!, s[1]!, this.units] : [s[0]!, this.units];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor3D;
    return fusedLstm(
      x,
      this.#kernel!.read() as tf.Tensor2D,
      this.#recurrent!.read() as tf.Tensor2D,
      this.#bias!.read() as tf.Tensor1D,
      {
        returnSequences: this.returnSequences,
        recurrentActivation: this.recurrentActivation,
      },
    );
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      units: this.units,
      returnSequences: this.returnSequences,
      recurrentActivation: this.recurrentActivation,
    };
  }
}

/** Creates a {@link FusedLstmLayer} (registers the class for model (de)serialisation on first use). */
export function fusedLstmLayer(args: FusedLstmLayerArgs): FusedLstmLayer {
  if (!registered) {
    tf.serialization.registerClass(FusedLstmLayer);
    registered = true;
  }
  return new FusedLstmLayer(args);
}
