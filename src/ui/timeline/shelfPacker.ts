/**
 * Places rectangles in a fixed area, left to right along shelves, top to bottom: enough for an
 * atlas of labels of one or two heights (labelAtlas.ts), which starts over when full rather than
 * freeing single cells. Pure, so its rule is tested without a canvas.
 */
export class ShelfPacker {
  private x = 0;
  private shelfTop = 0;
  private shelfHeight = 0;

  constructor(
    private readonly width: number,
    private readonly height: number,
  ) {}

  /** The top-left of a free `w`×`h` spot, or null when none is left (or the rectangle is larger than the area). */
  place(w: number, h: number): { x: number; y: number } | null {
    if (w > this.width || h > this.height) return null;
    if (this.x + w > this.width) {
      // A new shelf under the tallest cell of this one.
      this.shelfTop += this.shelfHeight;
      this.x = 0;
      this.shelfHeight = 0;
    }
    if (this.shelfTop + h > this.height) return null;
    const spot = { x: this.x, y: this.shelfTop };
    this.x += w;
    this.shelfHeight = Math.max(this.shelfHeight, h);
    return spot;
  }
}
