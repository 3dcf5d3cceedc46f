"""Charts for slides: PNG files at 200 dpi, and a source line that wraps and is never cut."""

from __future__ import annotations

import io

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from PIL import Image

from motorisasi.report import charts

LONG = (
    "Source: motorisasi 0.1.0, scenario a-scenario-with-a-long-name, another-scenario, a-third-one; "
    "data: AISI, AISMOLI, Asia Pacific Energy Research Centre, Asian Transport Outlook, "
    "BPS-Statistics Indonesia, Ember, GAIKINDO, International Energy Agency, Ministry of Energy and "
    "Mineral Resources, Korlantas POLRI, ..."
)
SHORT = "Source: motorisasi 0.1.0, scenario baseline; data: BPS, GAIKINDO"


def _small_chart(note: str):
    """A small chart laid out as the report's are: axes, then the source line under them."""
    fig = charts._new_figure(figsize=(4.0, 2.5), dpi=100)
    ax = fig.subplots()
    ax.plot([2020, 2030, 2040], [1.0, 2.0, 1.5])
    ax.set_xlabel("year")
    ax.set_ylabel("million vehicles")
    fig.subplots_adjust(bottom=0.25)
    return fig, ax, charts.footnote(fig, note)


@pytest.mark.parametrize("note", [LONG, SHORT], ids=["long", "short"])
def test_the_source_line_wraps_inside_the_figure_and_clear_of_the_axes(note):
    fig, ax, text = _small_chart(note)
    lines = text.get_text().split("\n")
    assert text.get_text().split() == note.split()  # wrapped between words, nothing lost
    assert (len(lines) >= 3) if note is LONG else lines == [note]
    renderer = FigureCanvasAgg(fig).get_renderer()
    box, page = text.get_window_extent(renderer), fig.bbox
    assert page.x0 <= box.x0 and box.x1 <= page.x1 and page.y0 <= box.y0 and box.y1 <= page.y1, (box, page)
    # the axes, with their tick labels and axis label, were raised above it
    assert ax.get_tightbbox(renderer).y0 >= box.y1
    # and the tight box a file is cut to holds it all
    tight = fig.get_tightbbox(renderer)
    inches = box.transformed(fig.dpi_scale_trans.inverted())
    assert tight.x0 <= inches.x0 and inches.x1 <= tight.x1 and tight.y0 <= inches.y0


def test_png_files_are_200_dpi_and_the_report_keeps_100(tmp_path):
    fig, _, _ = _small_chart(LONG)
    embedded = charts.png_bytes(fig)  # the HTML report's image
    assert charts.png_dpi(embedded) == charts.REPORT_DPI == 100
    # a file for people: drawn again at 200 dpi rather than copied from the report's image
    (path,) = charts.save(fig, tmp_path / "chart", formats=("png",), png=embedded)
    with Image.open(path) as image:
        dpi, size = image.info["dpi"], image.size
    with Image.open(io.BytesIO(embedded)) as image:
        small = image.size
    assert dpi == pytest.approx((200, 200), abs=0.01) and charts.PNG_DPI == 200
    assert size == pytest.approx((2 * small[0], 2 * small[1]), rel=0.05)
    fig.dpi = 200  # the tight box the file is cut to, padded by 0.15 inch, at 200 dots per inch
    tight = fig.get_tightbbox(FigureCanvasAgg(fig).get_renderer())
    assert size == pytest.approx(((tight.width + 0.3) * 200, (tight.height + 0.3) * 200), abs=2)
    assert charts.png_dpi(path.read_bytes()) == 200
