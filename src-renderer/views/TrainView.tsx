/** Train: training and fine-tuning runs (filled by the data-studio work, issue 9). */
export function TrainView() {
  return (
    <div className="view placeholder-view">
      <section className="panel" aria-labelledby="train-heading">
        <h2 id="train-heading">Train</h2>
        <p>
          Train a new model or fine-tune an installed one on your datasets, follow its loss and
          error rates live, compare it with its base model on held-out speakers or writers, and make
          it the active model.
        </p>
      </section>
    </div>
  );
}
