/**
 * Merges rects of one colour that overlap along the same pixel row before they reach a Path2D.
 *
 * A lane of 1,000 calls in ~160 px puts about six bars in each pixel row (timelineLayout.ts
 * `pitch` below 1), and while a parallel batch runs, their bars overlap almost end to end. A
 * path's fill is the union of its rects (nonzero winding, and `rect` always winds the same way),
 * so one rect per overlapping run paints the same pixels: the lane redraws at every panel update
 * while its batch runs, and its path shrinks from ~2,000 rects to ~300.
 *
 * Only rects with the same top and height merge, and only when they overlap or touch: a gap
 * between two (a failed attempt stops 1 px short of its retry) stays a gap.
 */
export type RectSink = (x: number, y: number, w: number, h: number) => void;

export class RectRuns {
  private open = false;
  private y = 0;
  private h = 0;
  private x0 = 0;
  private x1 = 0;

  constructor(private readonly sink: RectSink) {}

  /** Adds a rect; it joins the current run when it lies on the same row and overlaps or touches it. */
  add(x: number, y: number, w: number, h: number): void {
    const right = x + w;
    if (this.open && y === this.y && h === this.h && x <= this.x1 && right >= this.x0) {
      if (x < this.x0) this.x0 = x;
      if (right > this.x1) this.x1 = right;
      return;
    }
    this.flush();
    this.open = true;
    this.y = y;
    this.h = h;
    this.x0 = x;
    this.x1 = right;
  }

  /** Hands the current run to the sink; call once after the last `add`. */
  flush(): void {
    if (!this.open) return;
    this.open = false;
    this.sink(this.x0, this.y, this.x1 - this.x0, this.h);
  }
}
