def add_slide(app, layout_index: int):
    presentation = app.ActivePresentation
    slide = presentation.Slides.Add(presentation.Slides.Count + 1, layout_index)
    return {"slide_index": slide.SlideIndex}
