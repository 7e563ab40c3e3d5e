/** Studio: where people build their own datasets (filled by the data-studio work, issue 9). */
export function StudioView() {
  return (
    <div className="view placeholder-view">
      <section className="panel" aria-labelledby="studio-heading">
        <h2 id="studio-heading">Studio</h2>
        <p>
          Record prompted utterances and draw prompted ink into your own datasets, correct and
          verify their labels, and import or export datasets in standard formats (NeMo JSONL, Kaldi,
          InkML, FSDD, AN4, UNIPEN).
        </p>
      </section>
    </div>
  );
}
