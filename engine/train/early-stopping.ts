export interface EarlyStoppingState {
  best: number;
  bestEpoch: number;
  badEpochs: number;
}

/** Stops when the validation loss has not improved by minDelta for `patience` epochs. */
export class EarlyStopping {
  state: EarlyStoppingState = { best: Infinity, bestEpoch: -1, badEpochs: 0 };

  constructor(
    readonly patience: number,
    readonly minDelta = 0,
  ) {}

  /** Records the validation loss of `epoch`; returns whether it is the best so far and whether to stop. */
  update(loss: number, epoch: number): { improved: boolean; stop: boolean } {
    const improved = loss < this.state.best - this.minDelta;
    if (improved) this.state = { best: loss, bestEpoch: epoch, badEpochs: 0 };
    else this.state = { ...this.state, badEpochs: this.state.badEpochs + 1 };
    return { improved, stop: this.state.badEpochs >= this.patience };
  }
}
