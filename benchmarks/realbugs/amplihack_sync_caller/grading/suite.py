from grading.grader import grade_metacognition


def run_single_level(answer):
    grade = grade_metacognition(answer)  # bug
    return grade.effort_calibration
